namespace Tally.Ledger.Leadership;

/// <summary>One session on the ledger that may hold the projector lock; disposing it releases the lock.</summary>
public interface IProjectorLockSession : IAsyncDisposable
{
    /// <summary>Who the session is on the ledger's side, for the logs.</summary>
    string Holder { get; }

    /// <summary>Takes the lock named <paramref name="key"/> if nobody holds it; true when this session holds it now.</summary>
    Task<bool> TryAcquireAsync(long key, CancellationToken ct);

    /// <summary>
    /// A leader epoch this ledger never handed out before and above <paramref name="above"/> (the highest the views have
    /// seen). Call only while holding the lock. Kept by the ledger, so a view store that loses its data cannot make an
    /// old epoch new again.
    /// </summary>
    Task<long> NextEpochAsync(long above, CancellationToken ct);

    /// <summary>
    /// The highest epoch this ledger has handed out to anyone. A leader whose epoch is lower has been replaced, whatever
    /// the views' fence says (a flushed view store forgets it).
    /// </summary>
    Task<long> LatestEpochAsync(CancellationToken ct);

    /// <summary>Throws unless the session answers within <paramref name="timeout"/>: a session that does not may have lost the lock.</summary>
    Task CheckAliveAsync(TimeSpan timeout, CancellationToken ct);
}
