namespace Tally.Views.Redis;

/// <summary>The fencing token in Redis, checked by the apply script against <see cref="LeaderEpoch"/>.</summary>
public sealed class RedisEpochFence(RedisViewStore store) : IProjectionFence
{
    // INCR starts at 1, so 0 never matches the stored epoch: applying with it is always refused.
    private const long NeverCurrent = 0;

    public async Task<long> AdvanceAsync()
    {
        var epoch = await store.Database.StringIncrementAsync(store.Keys.LeaderEpoch).ConfigureAwait(false);
        store.Epoch.Current = epoch;
        return epoch;
    }

    /// <remarks>Not null: an unset epoch means unfenced, exactly what a node that lost leadership must not have.</remarks>
    public void Revoke() => store.Epoch.Current = NeverCurrent;
}
