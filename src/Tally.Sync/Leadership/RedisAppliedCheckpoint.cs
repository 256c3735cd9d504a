using Tally.Views;
using Tally.Views.Redis;

namespace Tally.Sync.Leadership;

/// <summary>
/// How far the leader has applied, as any node can read it from Redis: every view holds everything up to the lowest of
/// the projections' checkpoints. A projection without a checkpoint yet counts as zero.
/// </summary>
public sealed class RedisAppliedCheckpoint(RedisViewStore store, IEnumerable<IProjection> projections)
{
    private readonly string[] _names = projections.Select(p => p.Name).ToArray();

    public async Task<long> ReadAsync()
    {
        if (_names.Length == 0)
        {
            return 0;
        }
        var stored = await store.Database.HashGetAllAsync(store.Keys.Checkpoints).ConfigureAwait(false);
        var byName = stored.ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal);
        return _names.Min(name => byName.GetValueOrDefault(name));
    }
}
