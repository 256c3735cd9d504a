using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// Commands racing a close. Each test holds one command right after it read the clock, lets the other command commit,
/// then releases it: the ledger must judge by what is committed when it writes, not by when the caller looked at the clock.
/// </summary>
public abstract partial class LedgerContract
{
    private static readonly TimeSpan PauseLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ARetractionThatReachesTheLedgerAfterTheCloseIsRefused()
    {
        var poll = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 1);
        using var pause = Clock.PauseNextReading();
        var retracting = Task.Run(() => RetractAsync(poll, "voter-1"), Ct);
        await pause.Reached.WaitAsync(PauseLimit, Ct);

        await CloseAsync(poll);
        var closedAt = await HighWaterMarkAsync();
        pause.Release();
        var outcome = await retracting;

        AssertRejected(ErrorCodes.PollNotActive, outcome);
        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).IsRetracted);
        Assert.Empty(await Ledger.Events.ReadAfterAsync(closedAt, 100, Ct));
    }

    [Fact]
    public async Task AVoteQueuedBehindACloseIsRefusedAndNoVoteIsDatedAfterTheClose()
    {
        var poll = await CreatePollAsync();
        var early = await VoteOkAsync(poll, "voter-0", 1);
        using var pause = Clock.PauseNextReading();
        var closing = Task.Run(() => Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct), Ct);
        await pause.Reached.WaitAsync(PauseLimit, Ct);

        // The close has read its time inside its write and is held there; this vote can only commit after it.
        var voting = Task.Run(() => VoteAsync(poll, "voter-1", 2), Ct);
        pause.Release();
        var closed = await closing;
        var late = await voting;

        Assert.True(closed.Succeeded, closed.Rejection?.Code);
        AssertRejected(ErrorCodes.PollNotActive, late);
        var closedAt = closed.Value!.Poll.ClosedAt!.Value;
        Assert.True(early.Sequence < closed.Value.Sequence);
        var events = await ReadAllEventsAsync();
        Assert.All(events.Select(e => e.Event).OfType<VoteCast>(), cast => Assert.True(cast.RecordedAt <= closedAt,
            $"vote {cast.VoteId} was recorded at {cast.RecordedAt:O}, after the close dated {closedAt:O}"));
        Assert.Equal(closedAt, Assert.IsType<PollClosed>(events[^1].Event).ClosedAt);
    }
}
