using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// One node's Redis views under a shared prefix: its own store (so its own generation cache and node id), the five
/// projections, the stamp and, once started, its subscription to the change channel. Short refresh and grace periods,
/// so tests see generations come and go quickly.
/// </summary>
internal sealed class RedisNode : IAsyncDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(600);

    private readonly RedisChangeRelay _relay;
    private bool _listening;

    /// <param name="refresh">How long the node trusts the generations it read without an announcement; <see cref="Refresh"/> unless given.</param>
    public RedisNode(RedisServer redis, string prefix, long? epoch = null, TimeSpan? refresh = null)
    {
        Store = new RedisViewStore(redis.Connection,
            Options.Create(new RedisViewsOptions { KeyPrefix = prefix, GenerationRefresh = refresh ?? Refresh, GenerationGrace = Grace }),
            new LeaderEpoch { Current = epoch });
        var changes = new PollChangeFeed();
        Results = new RedisResultsProjection(Store, changes);
        Heatmap = new RedisHeatmapProjection(Store);
        Delta = new RedisDeltaProjection(Store);
        Views = new ViewSet(changes, Results, Heatmap, Delta, new RedisVoterStatusProjection(Store),
            new RedisPollCatalogProjection(Store));
        Stamp = new RedisViewsStamp(Store, Views.All);
        _relay = new RedisChangeRelay(Store, changes, Views.All);
    }

    public RedisViewStore Store { get; }

    public RedisResultsProjection Results { get; }

    public RedisHeatmapProjection Heatmap { get; }

    public RedisDeltaProjection Delta { get; }

    public ViewSet Views { get; }

    public RedisViewsStamp Stamp { get; }

    /// <summary>Subscribes to the change channel, as the host does at start.</summary>
    public async Task<RedisNode> ListenAsync()
    {
        await _relay.StartAsync(TestContext.Current.CancellationToken);
        _listening = true;
        return this;
    }

    /// <summary>Every key of the projection's generation <paramref name="generation"/>.</summary>
    public async Task<int> KeyCountAsync(GenerationKeys generation) =>
        (await Store.Generations.FindAsync(generation.Pattern, TestContext.Current.CancellationToken)).Sum(page => page.Length);

    public async ValueTask DisposeAsync()
    {
        if (_listening)
        {
            await _relay.StopAsync(CancellationToken.None);
        }
    }
}
