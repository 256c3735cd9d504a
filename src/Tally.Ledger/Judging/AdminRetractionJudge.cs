using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Judging;

/// <summary>
/// Judges an admin's bulk retraction and reinstatement on the rows the write read: which votes change, the events and
/// audit rows they get, and the answer. The stores only read and write rows.
/// </summary>
public static class AdminRetractionJudge
{
    public const string RetractedAction = "vote_retracted";
    public const string ReinstatedAction = "vote_reinstated";

    /// <returns>The live votes of <paramref name="rows"/> that <paramref name="rule"/> (the command's) picks, in cast order; or SELECTION_TOO_LARGE.</returns>
    public static Outcome<IReadOnlyList<LedgerVote>> Select(RetractVotes command, VoteSelectionRule rule, IEnumerable<LedgerVote> rows)
    {
        var picked = rows.Where(rule.Picks).OrderBy(v => v.CastAt).ThenBy(v => v.VoteId).ToList();
        return picked.Count > command.MaxVotes
            ? Rejections.SelectionTooLarge(picked.Count, command.MaxVotes)
            : Outcome<IReadOnlyList<LedgerVote>>.Ok(picked);
    }

    public static VoteRetracted Retracted(RetractVotes command, LedgerVote vote, DateTimeOffset at) =>
        new(vote.VoteId, command.PollId, vote.VoterId, vote.OptionId, vote.Region, at, command.AdminId, command.Reason);

    /// <summary>What the audit log says of an admin's retraction or reinstatement: the reason given.</summary>
    public static string AuditDetail(string reason) => $"reason: {reason}";

    /// <param name="sequences">Each vote's event sequence, in the order of <paramref name="votes"/>; null for a dry run.</param>
    public static BulkRetraction Answer(RetractVotes command, DateTimeOffset at, IReadOnlyList<LedgerVote> votes, IReadOnlyList<long>? sequences) =>
        new(command.PollId, command.DryRun, at, command.Reason,
            [.. votes.Select((v, i) => Affected(v, sequences?[i]))]);

    /// <summary>
    /// Which of the listed votes become live again: retracted by an admin, and their voter without a live vote in the poll
    /// (<paramref name="liveVoters"/>, as read; a vote reinstated here counts for the rest). VOTE_NOT_FOUND when an id is not
    /// one of the poll's votes (<paramref name="rows"/>).
    /// </summary>
    public static Outcome<ReinstatementPlan> Plan(ReinstateVotes command, IReadOnlyDictionary<Guid, LedgerVote> rows, IReadOnlySet<string> liveVoters)
    {
        var live = new HashSet<string>(liveVoters, StringComparer.Ordinal);
        var reinstate = new List<LedgerVote>();
        var refused = new List<RefusedReinstatement>();
        foreach (var voteId in command.VoteIds.Distinct())
        {
            if (!rows.TryGetValue(voteId, out var vote))
            {
                return Rejections.VoteNotFound;
            }
            if (!vote.IsRetracted || vote.RetractedBy is null)
            {
                refused.Add(new RefusedReinstatement(voteId, ErrorCodes.NotRetractedByAdmin, "The vote is live, or its voter withdrew it."));
            }
            else if (!live.Add(vote.VoterId))
            {
                refused.Add(new RefusedReinstatement(voteId, ErrorCodes.VotedAgain, "The voter has a live vote in this poll again."));
            }
            else
            {
                reinstate.Add(vote);
            }
        }
        return Outcome<ReinstatementPlan>.Ok(new ReinstatementPlan(reinstate, refused));
    }

    public static VoteReinstated Reinstated(ReinstateVotes command, LedgerVote vote, DateTimeOffset at) =>
        new(vote.VoteId, command.PollId, vote.VoterId, vote.OptionId, vote.Region, vote.CastAt, command.AdminId, at);

    public static Reinstatement Answer(ReinstateVotes command, DateTimeOffset at, ReinstatementPlan plan, IReadOnlyList<long> sequences) =>
        new(command.PollId, at, [.. plan.Reinstate.Select((v, i) => Affected(v, sequences[i]))], plan.Refused);

    private static AffectedVote Affected(LedgerVote vote, long? sequence) =>
        new(vote.VoteId, vote.VoterId, vote.OptionId, vote.Region, vote.CastAt, vote.IpAddress, sequence);
}
