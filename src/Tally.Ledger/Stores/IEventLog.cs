using Tally.Domain.Events;

namespace Tally.Ledger.Stores;

/// <summary>The append-only log the ledger writes in the same transaction as each change. Readers tail it by sequence.</summary>
public interface IEventLog
{
    /// <summary>Committed events with a sequence above <paramref name="after"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct);

    /// <summary>The highest sequence a reader can safely consume: every event at or below it is committed and visible.</summary>
    Task<long> ReadHighWaterMarkAsync(CancellationToken ct);
}
