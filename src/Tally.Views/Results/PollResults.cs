using Tally.Domain.Polls;

namespace Tally.Views.Results;

/// <summary>
/// A poll's tally at one point in the log: an immutable snapshot, safe to hand to any number of readers.
/// <see cref="AmendedAt"/>: when an admin last retracted or reinstated votes after the poll closed.
/// </summary>
public sealed record PollResults(
    Guid PollId,
    string OwnerId,
    IReadOnlyList<PollOption> Options,
    ResultsVisibility Visibility,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<long> Votes,
    long TotalVotes,
    DateTimeOffset? AmendedAt = null)
{
    public PollStatus StatusAt(DateTimeOffset now) => PollSchedule.StatusAt(StartTime, EndTime, ClosedAt, now);
}
