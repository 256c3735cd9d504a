using Tally.Domain.Errors;
using Tally.Domain.Polls;

namespace Tally.Domain.Ballots;

/// <summary>Whether a ballot may be cast in a poll at a given moment. Uniqueness is the ledger's job, not this one's.</summary>
public static class BallotRules
{
    public static Rejection? Check(Poll poll, Ballot ballot, DateTimeOffset now)
    {
        if (!poll.IsOpenAt(now))
        {
            return NotActive(poll, now);
        }
        if (!poll.HasOption(ballot.OptionId))
        {
            return new Rejection(ErrorCodes.InvalidOption, $"Option {ballot.OptionId} is not an option of this poll.");
        }
        if (poll.Regions.Count == 0)
        {
            return ballot.Region is null ? null : new Rejection(ErrorCodes.InvalidRegion, "This poll does not collect regions.");
        }
        if (ballot.Region is null)
        {
            return new Rejection(ErrorCodes.InvalidRegion, "This poll needs a region with each vote.");
        }
        return poll.HasRegion(ballot.Region)
            ? null
            : new Rejection(ErrorCodes.InvalidRegion, $"Region '{ballot.Region}' is not a region of this poll.");
    }

    /// <summary>
    /// The ballot with its region spelled as the poll spells it: normalised by the poll's own region rule, so an NFD or
    /// space-padded region still matches. A region the rule refuses is left as sent, for <see cref="Check"/> to reject.
    /// </summary>
    public static Ballot Canonical(Poll poll, Ballot ballot)
    {
        if (ballot.Region is not { } region || poll.HasRegion(region))
        {
            return ballot;
        }
        return PollRules.Region.Read(region).Text is { } text ? ballot with { Region = text } : ballot;
    }

    public static Rejection NotActive(Poll poll, DateTimeOffset now) =>
        new(ErrorCodes.PollNotActive, poll.StatusAt(now) == PollStatus.Scheduled ? "This poll has not opened yet." : "This poll is closed.");
}
