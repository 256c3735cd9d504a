namespace Tally.Views;

/// <summary>
/// The fencing token of views every node shares. A new leader advances it before applying anything, so every write of a
/// former leader that still thinks it leads is refused with <see cref="ProjectionFencedException"/>.
/// </summary>
public interface IProjectionFence
{
    /// <summary>Takes the next epoch and writes with it from now on.</summary>
    Task<long> AdvanceAsync();

    /// <summary>Makes every later apply of this node fail, until it advances again.</summary>
    void Revoke();
}
