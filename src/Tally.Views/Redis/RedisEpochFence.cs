using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>The fencing token in Redis, checked by the apply script against <see cref="LeaderEpoch"/>.</summary>
public sealed class RedisEpochFence(RedisViewStore store) : IProjectionFence
{
    // Epochs start at 1, and the apply script refuses anything lower: applying with 0 is always refused.
    private const long NeverCurrent = 0;

    // Stores the epoch unless a higher one is stored: the stored epoch only goes up.
    private const string RaiseSource = """
        local stored = tonumber(redis.call('GET', KEYS[1]))
        if stored == nil or stored < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
        return 0
        """;

    public async Task<long> HighestEpochAsync()
    {
        var stored = await store.Database.StringGetAsync(store.Keys.LeaderEpoch).ConfigureAwait(false);
        return stored.IsNull ? 0 : (long)stored;
    }

    public async Task AdvanceAsync(long epoch)
    {
        await store.Database.ScriptEvaluateAsync(RaiseSource, [store.Keys.LeaderEpoch], [epoch]).ConfigureAwait(false);
        store.Epoch.Current = epoch;
    }

    /// <remarks>Not null: an unset epoch means unfenced, exactly what a node that lost leadership must not have.</remarks>
    public void Revoke() => store.Epoch.Current = NeverCurrent;
}
