namespace Tally.Ledger.Leadership;

/// <summary>
/// The lock that elects one projector among every node of a shared ledger. A session holds it exactly as long as the
/// session lives: when the holder dies, the ledger ends its session, the lock frees, and another node's next try wins.
/// </summary>
public interface IProjectorLock
{
    /// <summary>Opens a session of its own, outside any pool, so disposing it really releases the lock.</summary>
    Task<IProjectorLockSession> OpenSessionAsync(CancellationToken ct);
}
