using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void APollWithNoTimesAndNoCloseIsOpen() => Assert.Equal(PollStatus.Open, PollSchedule.StatusAt(null, null, null, Now));

    [Fact]
    public void APollBeforeItsStartIsScheduled() => Assert.Equal(PollStatus.Scheduled, PollSchedule.StatusAt(Now + Tick, null, null, Now));

    [Fact]
    public void APollOpensExactlyAtItsStart() => Assert.Equal(PollStatus.Open, PollSchedule.StatusAt(Now, null, null, Now));

    [Fact]
    public void APollIsOpenJustBeforeItsEnd() => Assert.Equal(PollStatus.Open, PollSchedule.StatusAt(Now - Tick, Now + Tick, null, Now));

    [Fact]
    public void APollClosesExactlyAtItsEnd() => Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(Now - Tick, Now, null, Now));

    [Fact]
    public void APollClosedByItsOwnerIsClosedFromThatMomentOn()
    {
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(null, null, Now, Now));
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(null, null, Now - Tick, Now));
    }

    [Fact]
    public void AClosedPollStaysClosedWhenTheClockStepsBackBeforeItsClose()
    {
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(null, null, Now + Tick, Now));
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(Now + TimeSpan.FromDays(1), Now + TimeSpan.FromDays(2), Now + TimeSpan.FromHours(1), Now));
    }

    [Fact]
    public void AnEarlyCloseWinsOverAnEndStillToCome() =>
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(null, Now + TimeSpan.FromDays(1), Now - Tick, Now));

    [Fact]
    public void APollClosedBeforeItEverStartedIsClosedNotScheduled() =>
        Assert.Equal(PollStatus.Closed, PollSchedule.StatusAt(Now + TimeSpan.FromDays(1), null, Now - Tick, Now));

    [Fact]
    public void ThePollRecordAsksTheSchedule()
    {
        var poll = SamplePoll.Open() with { StartTime = Now + Tick };

        Assert.Equal(PollStatus.Scheduled, poll.StatusAt(Now));
        Assert.False(poll.IsOpenAt(Now));
        Assert.True(poll.IsOpenAt(Now + Tick));
    }
}
