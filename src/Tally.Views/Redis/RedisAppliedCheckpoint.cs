using StackExchange.Redis;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// How far the leader has applied, as any node reads it from Redis: every view holds everything up to the lowest of the
/// checkpoints of the projections' active generations (a projection without one counts as zero). Announcements come
/// through the one subscription <see cref="RedisChangeRelay"/> holds.
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
        var checkpoints = new List<RedisKey>(_names.Length);
        foreach (var name in _names)
        {
            if (await store.Generations.ActiveAsync(name).ConfigureAwait(false) is not { } generation)
            {
                return 0;
            }
            checkpoints.Add(generation.Checkpoint);
        }
        var stored = await store.Database.StringGetAsync([.. checkpoints]).ConfigureAwait(false);
        return stored.Min(v => v.IsNull ? 0 : (long)v);
    }
}
