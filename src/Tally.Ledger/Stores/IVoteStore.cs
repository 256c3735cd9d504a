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

    /// <summary>
    /// An admin's bulk soft retraction, judged by <c>RetractionJudge.CheckByAdmin</c> (open or closed, whatever the poll's
    /// vote-change setting): flags every selected live vote, writes one audit row and one VoteRetracted event (with the
    /// admin and the reason) per vote, in one transaction. A dry run reads the same selection and writes nothing. With an
    /// Idempotency-Key, a repeat of the same request returns the first answer (Replayed) and changes nothing; the same key
    /// with another request is refused (IDEMPOTENCY_KEY_REUSED).
    /// </summary>
    Task<Outcome<BulkRetraction>> RetractInBulkAsync(RetractVotes command, CancellationToken ct);

    /// <summary>
    /// Makes admin-retracted votes live again (one audit row and one VoteReinstated event each, one transaction). A vote
    /// whose voter has a live vote in the poll again is left retracted (VOTED_AGAIN), as is one that is live or that its
    /// voter withdrew (NOT_RETRACTED_BY_ADMIN). Idempotency-Key as for <see cref="RetractInBulkAsync"/>.
    /// </summary>
    Task<Outcome<Reinstatement>> ReinstateAsync(ReinstateVotes command, CancellationToken ct);
}
