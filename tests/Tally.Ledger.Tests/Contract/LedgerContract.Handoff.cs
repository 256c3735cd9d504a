using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task EveryCommittedEventIsHandedOverAsTheLogReadsItBack()
    {
        Ledger.Commits.Handoff.KeepUpTo(64);
        // An end time in another offset, so a handed-over time or payload that differed from the stored one would show.
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"], end: DateTimeOffset.UtcNow.AddDays(2).ToOffset(TimeSpan.FromHours(2))));
        await VoteOkAsync(poll, "voter-1", 2, "EU", key: "key-1");
        await VoteOkAsync(poll, "voter-2", 3, "US");
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        AssertRejected(ErrorCodes.InvalidOption, await VoteAsync(poll, "voter-3", 9, "EU"));
        await Ledger.Admins.GrantAsync("idp:carol", "root", Ct);
        await CloseAsync(poll);

        var logged = await ReadAllEventsAsync();
        var handed = Ledger.Commits.Handoff.TakeAfter(0, 100);

        Assert.Equal(6, logged.Count);
        Assert.Equal(logged.Select(e => e.Sequence), handed.Select(e => e.Sequence));
        Assert.All(logged.Zip(handed), pair =>
        {
            var (read, kept) = pair;
            Assert.Equal(read.RecordedAt.UtcTicks, kept.RecordedAt.UtcTicks);
            Assert.Equal(read.RecordedAt.Offset, kept.RecordedAt.Offset);
            Assert.Equal(EventCodec.TypeOf(read.Event), EventCodec.TypeOf(kept.Event));
            Assert.Equal(EventCodec.Encode(read.Event), EventCodec.Encode(kept.Event));
            Assert.Equal(EventFingerprint.Of(read), EventFingerprint.Of(kept));
        });
        Assert.Empty(Ledger.Commits.Handoff.TakeAfter(0, 100));
    }

    [Fact]
    public async Task NothingIsHandedOverWhileNobodyTakesAndOnlyARunRightAfterTheCheckpointIsTaken()
    {
        var poll = await CreatePollAsync();
        Assert.Empty(Ledger.Commits.Handoff.TakeAfter(0, 100));

        Ledger.Commits.Handoff.KeepUpTo(64);
        var first = await VoteOkAsync(poll, "voter-1", 1);
        var second = await VoteOkAsync(poll, "voter-2", 2);

        // The poll's event (sequence 1) came before anyone took: a reader at 0 must go to the log, not skip it.
        Assert.Equal(2, first.Sequence);
        Assert.Empty(Ledger.Commits.Handoff.TakeAfter(0, 100));
        var taken = Ledger.Commits.Handoff.TakeAfter(1, 1);
        Assert.Equal([2L], taken.Select(e => e.Sequence));
        Assert.Equal([second.Sequence], Ledger.Commits.Handoff.TakeAfter(2, 100).Select(e => e.Sequence));
    }

    [Fact]
    public async Task EventsBeyondTheRingAreNotHandedOverAndTheLogStillHasThem()
    {
        Ledger.Commits.Handoff.KeepUpTo(2);
        var poll = await CreatePollAsync();
        var receipts = new List<VoteReceipt>();
        for (var i = 0; i < 3; i++)
        {
            receipts.Add(await VoteOkAsync(poll, $"voter-{i}", 1));
        }

        // Sequences 1–4 went through two slots: 1 and 2 were overwritten by 3 and 4.
        Assert.Empty(Ledger.Commits.Handoff.TakeAfter(0, 100));
        Assert.Equal([3L, 4L], Ledger.Commits.Handoff.TakeAfter(2, 100).Select(e => e.Sequence));
        Assert.Equal([1L, 2L, 3L, 4L], (await ReadAllEventsAsync()).Select(e => e.Sequence));
        Assert.Equal(4, receipts[^1].Sequence);
    }
}
