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
            return Rejections.InvalidOption(ballot.OptionId);
        }
        if (poll.Regions.Count == 0)
        {
            return ballot.Region is null ? null : Rejections.RegionsNotCollected;
        }
        if (ballot.Region is null)
        {
            return Rejections.RegionRequired;
        }
        return poll.HasRegion(ballot.Region)
            ? null
            : Rejections.UnknownRegion(ballot.Region);
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
        poll.StatusAt(now) == PollStatus.Scheduled ? Rejections.PollNotYetOpen : Rejections.PollClosed;
}
