using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Support;

/// <summary>Redis views, each set under a key prefix of its own.</summary>
public sealed class RedisViews(RedisServer redis) : IViewsFixture
{
    private readonly List<string> _prefixes = [];

    public ViewSet Create()
    {
        var prefix = SharedRedis.NewKeyPrefix();
        _prefixes.Add(prefix);
        var store = redis.Store(prefix);
        var changes = new PollChangeFeed();
        return new ViewSet(changes, new RedisResultsProjection(store, changes), new RedisHeatmapProjection(store), new RedisDeltaProjection(store),
            new RedisVoterStatusProjection(store), new RedisPollCatalogProjection(store));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var prefix in _prefixes)
        {
            await redis.DeleteAsync(prefix);
        }
    }
}
