using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// A clock that steps back after a close (an NTP correction, a resumed virtual machine, a node whose clock runs behind the
/// one that closed): a closed poll stays closed, and closing it again changes nothing.
/// </summary>
public abstract partial class LedgerContract
{
    private static readonly TimeSpan StepBack = TimeSpan.FromHours(-1);

    [Fact]
    public async Task AClosedPollRefusesVotesAndRetractionsWhenTheClockStepsBack()
    {
        var poll = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 1);
        // Closed in the store only: the handlers' cache still holds the poll open, so the stores judge, inside their write.
        var closed = await Ledger.Polls.CloseAsync(poll.Id, Owner, Ct);
        Assert.True(closed.Succeeded, closed.Rejection?.Code);
        Clock.Step(StepBack);
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-2", 2));
        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-3", 2, key: "k-3"));
        AssertRejected(ErrorCodes.PollNotActive, await RetractAsync(poll, "voter-1"));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-2", Ct));
        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).IsRetracted);
        Assert.Equal(PollStatus.Closed, (await Ledger.Polls.FindAsync(poll.Id, Ct))!.StatusAt(Clock.GetUtcNow()));
    }

    [Fact]
    public async Task ASecondCloseAfterTheClockSteppedBackAppendsNoEvent()
    {
        var poll = await CreatePollAsync();
        var first = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);
        Assert.True(first.Succeeded, first.Rejection?.Code);
        var closedAt = first.Value!.Poll.ClosedAt;
        Clock.Step(StepBack);
        var head = await HighWaterMarkAsync();

        var again = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);
        await RestartAsync();
        var afterRestart = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);

        Assert.True(again.Succeeded, again.Rejection?.Code);
        Assert.True(afterRestart.Succeeded, afterRestart.Rejection?.Code);
        Assert.Equal(closedAt, again.Value!.Poll.ClosedAt);
        Assert.Equal(closedAt, afterRestart.Value!.Poll.ClosedAt);
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Single((await ReadAllEventsAsync()).Select(e => e.Event).OfType<PollClosed>());
        Assert.Equal(["poll_created", "poll_closed"], (await Fixture.ReadAuditRowsAsync(poll.Id, Ct)).Select(a => a.Action));
    }
}
