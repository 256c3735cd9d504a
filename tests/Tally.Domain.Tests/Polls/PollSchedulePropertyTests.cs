using CsCheck;
using Tally.Domain.Polls;

namespace Tally.Domain.Tests.Polls;

public sealed class PollSchedulePropertyTests
{
    private static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Whole minutes in a short span, so starts, ends, closes and "now" often fall on the very same instant.
    private static readonly Gen<DateTimeOffset> Moment = Gen.Int[0, 30].Select(minutes => Epoch.AddMinutes(minutes));

    private static readonly Gen<DateTimeOffset?> MaybeMoment =
        Gen.Select(Gen.Int[0, 2], Moment, (pick, at) => pick == 0 ? (DateTimeOffset?)null : at);

    [Fact]
    public void APollWithNoTimesAndNoCloseIsAlwaysOpen() =>
        Moment.Sample(now => PollSchedule.StatusAt(null, null, null, now) == PollStatus.Open, iter: 10_000);

    [Fact]
    public void StatusNeverGoesBackAsTimePasses() =>
        Gen.Select(MaybeMoment, MaybeMoment, MaybeMoment, Moment, Moment).Sample((start, end, closed, a, b) =>
        {
            var (earlier, later) = a <= b ? (a, b) : (b, a);
            return Rank(PollSchedule.StatusAt(start, end, closed, earlier)) <= Rank(PollSchedule.StatusAt(start, end, closed, later));
        }, iter: 20_000);

    [Fact]
    public void APollIsClosedExactlyWhenItWasClosedOrItsEndHasPassed() =>
        Gen.Select(MaybeMoment, MaybeMoment, MaybeMoment, Moment).Sample((start, end, closed, now) =>
        {
            // A recorded close counts whatever the clock says; only the end is judged against it.
            var over = closed is not null || end <= now;
            return over == (PollSchedule.StatusAt(start, end, closed, now) == PollStatus.Closed);
        }, iter: 20_000);

    [Fact]
    public void APollWithoutCloseOrEndIsScheduledExactlyUntilItsStart() =>
        Gen.Select(Moment, Moment).Sample((start, now) =>
            PollSchedule.StatusAt(start, null, null, now) == (now < start ? PollStatus.Scheduled : PollStatus.Open), iter: 10_000);

    private static int Rank(PollStatus status) => status switch
    {
        PollStatus.Scheduled => 0,
        PollStatus.Open => 1,
        PollStatus.Closed => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
