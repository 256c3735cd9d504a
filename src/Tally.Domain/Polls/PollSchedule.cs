namespace Tally.Domain.Polls;

/// <summary>The one place that decides whether a poll is scheduled, open or closed; write and read side both ask it.</summary>
public static class PollSchedule
{
    public static PollStatus StatusAt(DateTimeOffset? startTime, DateTimeOffset? endTime, DateTimeOffset? closedAt, DateTimeOffset now)
    {
        if (closedAt is { } closed && closed <= now)
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
