using Tally.Domain.Errors;
using Tally.Domain.Polls;

namespace Tally.Ledger.Stores;

/// <summary>Poll definitions in the ledger. Each change appends its event in the same transaction.</summary>
public interface IPollStore
{
    /// <returns>The sequence of the PollCreated event.</returns>
    Task<long> CreateAsync(Poll poll, CancellationToken ct);

    Task<Poll?> FindAsync(Guid pollId, CancellationToken ct);

    /// <summary>
    /// Closes an open poll; the closed poll and the event sequence, or why not. The close time is read inside the write,
    /// so it is never earlier than a vote committed before it. Closing a poll that is closed already (by an earlier close
    /// or by its end time) changes nothing and appends nothing: it answers with the poll as it is.
    /// </summary>
    Task<Outcome<ClosedPoll>> CloseAsync(Guid pollId, string closedBy, CancellationToken ct);
}
