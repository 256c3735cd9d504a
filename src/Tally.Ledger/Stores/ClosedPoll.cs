using Tally.Domain.Polls;

namespace Tally.Ledger.Stores;

/// <param name="Sequence">
/// The PollClosed event's sequence; for a poll that was closed already, the ledger's head at that moment, which covers
/// whatever closed it: views that reached it show the poll closed.
/// </param>
public sealed record ClosedPoll(Poll Poll, long Sequence);
