using Tally.Domain.Events;

namespace Tally.Ledger.Stores;

/// <summary>The append-only log the ledger writes in the same transaction as each change. Readers tail it by sequence.</summary>
public interface IEventLog
{
    /// <summary>Committed events with a sequence above <paramref name="after"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct);

    /// <summary>The highest sequence a reader can safely consume: every event at or below it is committed and visible.</summary>
    Task<long> ReadHighWaterMarkAsync(CancellationToken ct);

    /// <summary>
    /// One poll's events with a sequence above <paramref name="after"/> and at most <paramref name="upTo"/>, in order, at
    /// most <paramref name="max"/>; read through an index by poll, for repairing one poll's views.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadPollAsync(Guid pollId, long after, long upTo, int max, CancellationToken ct);

    /// <summary>The committed event at <paramref name="sequence"/>, or null when there is none (yet).</summary>
    Task<StoredEvent?> ReadEventAsync(long sequence, CancellationToken ct);

    /// <summary>
    /// This ledger's identity: made once when the ledger is created and never changed, so views can tell whose they are.
    /// A copy of the ledger (a backup restored) has the same identity; its events tell it apart.
    /// </summary>
    Task<Guid> ReadLedgerIdAsync(CancellationToken ct);
}
