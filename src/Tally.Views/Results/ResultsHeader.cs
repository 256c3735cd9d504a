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
    /// <param name="changedByAdminAt">When an admin last retracted or reinstated one of the poll's votes, if ever.</param>
    public PollResults WithVotes(Guid pollId, IReadOnlyList<long> votes, long total, DateTimeOffset? changedByAdminAt) =>
        new(pollId, OwnerId, Options, Visibility, StartTime, EndTime, ClosedAt, votes, total, AmendedAt(changedByAdminAt));

    // An admin change amends the results when the poll was closed at its time. Only the last one need be judged: a poll
    // closes once, and admin changes come in time order, so when the last one was before the close, all were.
    private DateTimeOffset? AmendedAt(DateTimeOffset? changedByAdminAt) =>
        changedByAdminAt is { } at && (ClosedAt <= at || EndTime <= at) ? at : null;
}
