using Tally.Views.Redis;

namespace Tally.Sync.Leadership;

/// <summary>
/// The fencing token in Redis. A new leader bumps it before applying anything, so every write of a former leader that
/// still thinks it leads is refused by the apply script.
/// </summary>
public sealed class RedisEpochFence(RedisViewStore store)
{
    // INCR starts at 1, so 0 never matches the stored epoch: applying with it is always refused.
    private const long NeverCurrent = 0;

    /// <summary>Takes the next epoch and writes with it from now on.</summary>
    public async Task<long> AdvanceAsync()
    {
        var epoch = await store.Database.StringIncrementAsync(store.Keys.LeaderEpoch).ConfigureAwait(false);
        store.Epoch.Current = epoch;
        return epoch;
    }

    /// <summary>
    /// Makes every later apply of this node fail. Not null: an unset epoch means unfenced, exactly what a node that
    /// lost leadership must not have.
    /// </summary>
    public void Revoke() => store.Epoch.Current = NeverCurrent;
}
