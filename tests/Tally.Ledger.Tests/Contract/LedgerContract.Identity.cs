using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task TheLedgerIdIsMadeOnceAndKeptAcrossRestarts()
    {
        var id = await Ledger.Events.ReadLedgerIdAsync(Ct);
        Assert.NotEqual(Guid.Empty, id);
        await VoteOkAsync(await CreatePollAsync(), "voter-1", 1);

        await RestartAsync();

        Assert.Equal(id, await Ledger.Events.ReadLedgerIdAsync(Ct));
    }

    [Fact]
    public async Task TwoFreshLedgersHaveDifferentIds()
    {
        await using var storage = Fixture.Fresh();
        Guid other;
        await using (var ledger = await LedgerHost.StartAsync(storage, Clock, Ct))
        {
            other = await ledger.Events.ReadLedgerIdAsync(Ct);
        }

        Assert.NotEqual(Guid.Empty, other);
        Assert.NotEqual(await Ledger.Events.ReadLedgerIdAsync(Ct), other);
    }

    [Fact]
    public async Task AnEventReadBackHasTheFingerprintOfTheEventThatWasWritten()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var vote = await VoteOkAsync(poll, "voter-1", 2, "EU");
        var retraction = (await RetractAsync(poll, "voter-1")).Value!;

        var events = await ReadAllEventsAsync();

        // What was written, built in memory: any store that gives back other bytes or another instant changes the hash.
        Assert.Equal(
            [
                EventFingerprint.Of(new StoredEvent(1, poll.CreatedAt, new PollCreated(poll))),
                EventFingerprint.Of(new StoredEvent(2, vote.RecordedAt, new VoteCast(vote.VoteId, poll.Id, "voter-1", 2, "EU", vote.RecordedAt, Client.IpAddress, Client.UserAgent))),
                EventFingerprint.Of(new StoredEvent(3, retraction.RetractedAt,
                    new VoteRetracted(vote.VoteId, poll.Id, "voter-1", 2, "EU", retraction.RetractedAt))),
            ],
            events.Select(EventFingerprint.Of));
    }
}
