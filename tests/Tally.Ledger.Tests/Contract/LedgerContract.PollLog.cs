using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ReadingOnePollsEventsReturnsOnlyThatPollInOrderWithinTheWindowUpToTheLimit()
    {
        var lunch = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var dinner = await CreatePollAsync();
        for (var i = 1; i <= 4; i++)
        {
            await VoteOkAsync(lunch, $"voter-{i}", i % 3 + 1, i % 2 == 0 ? "EU" : "US");
            await VoteOkAsync(dinner, $"voter-{i}", 1);
        }
        Assert.True((await RetractAsync(lunch, "voter-1")).Succeeded);
        await CloseAsync(dinner);
        await VoteOkAsync(lunch, "voter-1", 3, "EU");
        var all = await ReadAllEventsAsync();
        var lunchEvents = all.Where(e => e.Event.PollId == lunch.Id).ToList();
        Assert.Equal(7, lunchEvents.Count);

        var whole = await Ledger.Events.ReadPollAsync(lunch.Id, 0, long.MaxValue, 100, Ct);

        Assert.Equal(Fingerprints(lunchEvents), Fingerprints(whole));
        var (after, upTo) = (lunchEvents[1].Sequence, lunchEvents[5].Sequence);
        Assert.Equal(Fingerprints(lunchEvents[2..6]), Fingerprints(await Ledger.Events.ReadPollAsync(lunch.Id, after, upTo, 100, Ct)));
        Assert.Equal(Fingerprints(lunchEvents[2..4]), Fingerprints(await Ledger.Events.ReadPollAsync(lunch.Id, after, upTo, 2, Ct)));
        // A window between two of the poll's events holds none of them, even with the other poll's events in it.
        Assert.Empty(await Ledger.Events.ReadPollAsync(lunch.Id, lunchEvents[1].Sequence, lunchEvents[2].Sequence - 1, 100, Ct));
        Assert.Equal(Fingerprints(all.Where(e => e.Event.PollId == dinner.Id)),
            Fingerprints(await Ledger.Events.ReadPollAsync(dinner.Id, 0, long.MaxValue, 100, Ct)));
        Assert.Empty(await Ledger.Events.ReadPollAsync(Guid.CreateVersion7(), 0, long.MaxValue, 100, Ct));
    }

    [Fact]
    public async Task OneEventIsReadBySequenceAndNothingBeyondTheHead()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        await VoteOkAsync(poll, "voter-1", 2, "EU");
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        await CloseAsync(poll);
        var all = await ReadAllEventsAsync();

        foreach (var stored in all)
        {
            var read = await Ledger.Events.ReadEventAsync(stored.Sequence, Ct);
            Assert.NotNull(read);
            Assert.Equal(EventFingerprint.Of(stored), EventFingerprint.Of(read));
        }
        Assert.Null(await Ledger.Events.ReadEventAsync(0, Ct));
        Assert.Null(await Ledger.Events.ReadEventAsync(await HighWaterMarkAsync() + 1, Ct));
    }

    private static List<string> Fingerprints(IEnumerable<StoredEvent> events) => events.Select(EventFingerprint.Of).ToList();
}
