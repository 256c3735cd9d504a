using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// How far the leader has applied, as any node reads it from Redis: every view holds everything up to the lowest of the
/// projections' checkpoints (a projection without one yet counts as zero). Announcements come through the one
/// subscription <see cref="RedisChangeRelay"/> holds.
/// </summary>
public sealed class RedisAppliedCheckpoint(RedisViewStore store, RedisChangeRelay relay, IEnumerable<IProjection> projections) : IAppliedCheckpoint
{
    private readonly string[] _names = projections.Select(p => p.Name).ToArray();

    public Task NextAnnouncement => relay.NextAnnouncement;

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
