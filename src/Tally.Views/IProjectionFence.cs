namespace Tally.Views;

/// <summary>
/// The fencing token of views every node shares. A new leader advances it before applying anything, so every write of a
/// former leader that still thinks it leads is refused with <see cref="ProjectionFencedException"/>.
/// </summary>
public interface IProjectionFence
{
    /// <summary>The highest epoch the views have stored, 0 when none.</summary>
    Task<long> HighestEpochAsync();

    /// <summary>
    /// Writes with <paramref name="epoch"/> from now on, and stores it at once so every lower epoch is refused. Epochs come
    /// from the ledger, never from the views, so a view store that lost its data cannot hand an old epoch out again.
    /// </summary>
    Task AdvanceAsync(long epoch);

    /// <summary>Makes every later apply of this node fail, until it advances again.</summary>
    void Revoke();
}
