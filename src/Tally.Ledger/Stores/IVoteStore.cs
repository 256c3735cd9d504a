using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Stores;

/// <summary>Vote records in the ledger. The unique index on live (poll, voter) pairs is the only authority on double votes.</summary>
public interface IVoteStore
{
    /// <summary>
    /// Commits a batch of votes in one transaction, synchronously on the caller's thread (the group-commit thread), and
    /// returns each vote's outcome in batch order with the moment they are durable; telling the voters is the caller's job.
    /// A vote refused by a rule (duplicate, closed poll, reused key) never fails its neighbours.
    /// </summary>
    /// <exception cref="VoteBatchRefusedException">Something in the batch broke the transaction; nothing was committed.</exception>
    /// <exception cref="LedgerOutcomeUnknownException">COMMIT was sent and never answered.</exception>
    CommittedDurableLater<Outcome<VoteReceipt>[]> WriteBatch(IReadOnlyList<PendingVote> batch);

    /// <summary>
    /// Soft-retracts the voter's live vote: flags it, writes an audit row and a VoteRetracted event.
    /// Whether the poll is still open is judged at the moment of the write, so a retraction never lands after a close.
    /// </summary>
    Task<Outcome<Retraction>> RetractAsync(RetractVote command, CancellationToken ct);

    /// <summary>Live votes per option straight from the vote rows, for audits and consistency checks only — never for serving reads.</summary>
    Task<IReadOnlyDictionary<int, long>> CountLiveVotesAsync(Guid pollId, CancellationToken ct);
}
