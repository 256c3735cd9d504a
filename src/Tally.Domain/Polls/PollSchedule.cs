namespace Tally.Domain.Polls;

/// <summary>The one place that decides whether a poll is scheduled, open or closed; write and read side both ask it.</summary>
public static class PollSchedule
{
    /// <remarks>
    /// A close, once recorded, is final whatever the clock says: a clock stepped back (or another node's clock running
    /// behind the one that closed) must never reopen a poll. Only the start and end times are judged against <paramref name="now"/>.
    /// </remarks>
    public static PollStatus StatusAt(DateTimeOffset? startTime, DateTimeOffset? endTime, DateTimeOffset? closedAt, DateTimeOffset now)
    {
        if (closedAt is not null)
        {
            return PollStatus.Closed;
        }
        if (endTime is { } end && end <= now)
        {
            return PollStatus.Closed;
        }
        if (startTime is { } start && start > now)
        {
            return PollStatus.Scheduled;
        }
        return PollStatus.Open;
    }
}
