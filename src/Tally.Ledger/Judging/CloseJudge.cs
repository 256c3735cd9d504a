using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Judging;

/// <summary>Judges closing a poll: first on the cached poll, then on the poll as read inside the write.</summary>
public static class CloseJudge
{
    /// <summary>Before the write: only the poll's owner may close it.</summary>
    public static Rejection? Check(Poll? poll, string requestedBy)
    {
        if (poll is null)
        {
            return Rejections.PollNotFound;
        }
        return poll.OwnerId == requestedBy ? null : Rejections.NotPollOwner;
    }

    /// <summary>
    /// Inside the write, with the clock read after the poll: closing is idempotent, so a poll closed already (by an earlier
    /// close or by its end time) is answered as it is and nothing is written.
    /// </summary>
    public static CloseVerdict Judge(Poll? poll, string closedBy, DateTimeOffset at)
    {
        if (poll is null)
        {
            return new CloseVerdict(Rejections.PollNotFound, null, null);
        }
        return poll.StatusAt(at) == PollStatus.Closed
            ? new CloseVerdict(null, poll, null)
            : new CloseVerdict(null, poll with { ClosedAt = at }, new PollClosed(poll.Id, closedBy, at));
    }
}
