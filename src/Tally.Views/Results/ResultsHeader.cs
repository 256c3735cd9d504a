using Tally.Domain.Polls;

namespace Tally.Views.Results;

/// <summary>The part of <see cref="PollResults"/> that does not change with votes, held once per poll.</summary>
internal sealed record ResultsHeader(
    string OwnerId,
    IReadOnlyList<PollOption> Options,
    ResultsVisibility Visibility,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset? ClosedAt)
{
    public PollResults WithVotes(Guid pollId, IReadOnlyList<long> votes, long total) =>
        new(pollId, OwnerId, Options, Visibility, StartTime, EndTime, ClosedAt, votes, total);
}
