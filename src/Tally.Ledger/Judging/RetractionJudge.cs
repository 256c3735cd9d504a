using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Judging;

/// <summary>
/// Judges a retraction: on the cached poll for a quick refusal, and again inside the write on the poll as read there (so a
/// retraction never lands after a close), then on the live vote the write found.
/// </summary>
public static class RetractionJudge
{
    public static Rejection? Check(Poll? poll, DateTimeOffset now)
    {
        if (poll is null)
        {
            return Rejections.PollNotFound;
        }
        if (!poll.Settings.AllowVoteChange)
        {
            return Rejections.VoteChangeNotAllowed;
        }
        return poll.IsOpenAt(now) ? null : BallotRules.NotActive(poll, now);
    }

    /// <summary>An admin's retraction or reinstatement: the poll must exist; whether it is open or allows changes does not matter.</summary>
    public static Rejection? CheckByAdmin(Poll? poll) => poll is null ? Rejections.PollNotFound : null;

    /// <returns>The event to append for <paramref name="live"/>, flagged retracted by the write; or why not.</returns>
    public static Outcome<VoteRetracted> Retract(RetractVote command, LiveVote? live, DateTimeOffset at) => live is null
        ? Rejections.VoteNotFound
        : Outcome<VoteRetracted>.Ok(new VoteRetracted(live.VoteId, command.PollId, command.VoterId, live.OptionId, live.Region, at));

    /// <summary>What the audit log says of a retraction.</summary>
    public static string AuditDetail(VoteRetracted retracted) => $"option {retracted.OptionId}";

    public static Retraction Receipt(VoteRetracted retracted, long sequence) =>
        new(retracted.VoteId, retracted.PollId, retracted.OptionId, retracted.Region, retracted.RetractedAt, sequence);
}
