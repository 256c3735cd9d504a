using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Fraud;
using Tally.Views.Heatmap;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Views;

public static class ViewsRegistration
{
    /// <summary>The read side in the store <paramref name="provider"/> names.</summary>
    public static IServiceCollection AddTallyViews(this IServiceCollection services, IConfiguration configuration, ViewsProvider provider, string dataPath)
    {
        return provider switch
        {
            ViewsProvider.Redis => services.AddTallyRedisViews(configuration),
            _ => services.AddTallyMemoryViews(configuration, dataPath),
        };
    }

    /// <summary>
    /// The read side held in this process's memory: loaded at start from the snapshot in <paramref name="dataPath"/>
    /// (<c>Tally:Views:Snapshots</c>) and brought up to date from the event log, or rebuilt from the whole log.
    /// </summary>
    public static IServiceCollection AddTallyMemoryViews(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        services.AddOptions<MemorySnapshotOptions>().Bind(configuration.GetSection(MemorySnapshotOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ViewProgress>();
        services.AddSingleton<PollChangeFeed>();
        AddProjection<MemoryResultsProjection, IResultsView>(services);
        AddProjection<MemoryHeatmapProjection, IHeatmapView>(services);
        AddProjection<MemoryDeltaProjection, IDeltaView>(services);
        AddProjection<MemoryVoterStatusProjection, IVoterStatusView>(services);
        AddProjection<MemoryPollCatalogProjection, IPollCatalogView>(services);
        AddFraud<MemoryFraudProjection>(services, configuration);
        services.AddSingleton<ICountingView>(sp => sp.GetRequiredService<MemoryResultsProjection>());
        services.AddSingleton<ICountingView>(sp => sp.GetRequiredService<MemoryHeatmapProjection>());
        services.AddKeyedSingleton<IResultsView>(ReadPath, (sp, _) => sp.GetRequiredService<MemoryResultsProjection>());
        services.AddKeyedSingleton<IHeatmapView>(ReadPath, (sp, _) => sp.GetRequiredService<MemoryHeatmapProjection>());
        services.AddKeyedSingleton<IDeltaView>(ReadPath, (sp, _) => sp.GetRequiredService<MemoryDeltaProjection>());
        // Registered before the projection daemon, so the snapshot is loaded before it starts and written after it stops.
        services.AddSingleton(sp => new MemoryViewsStamp(
            sp.GetServices<IProjection>(),
            sp.GetRequiredService<IOptions<MemorySnapshotOptions>>().Value,
            new MemorySnapshotFile(Path.Combine(dataPath, MemorySnapshotFileName)),
            sp.GetRequiredService<ILogger<MemoryViewsStamp>>()));
        services.AddSingleton<IViewsStamp>(sp => sp.GetRequiredService<MemoryViewsStamp>());
        services.AddHostedService(sp => sp.GetRequiredService<MemoryViewsStamp>());
        return services;
    }

    /// <summary>
    /// The service key of the results and heatmap views that answer readers: the views themselves in memory, a near
    /// cache in front of Redis.
    /// </summary>
    public const string ReadPath = "reads";

    /// <summary>The memory views' snapshot, in the data folder.</summary>
    public const string MemorySnapshotFileName = "views.snapshot";

    /// <summary>
    /// The read side kept in Redis (<c>Tally:Views:Redis</c>): shared by every node, surviving restarts, and resumed from
    /// its own checkpoints. Changes applied by any node reach this node's live streams through Redis pub/sub.
    /// </summary>
    public static IServiceCollection AddTallyRedisViews(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisViewsOptions>().Bind(configuration.GetSection(RedisViewsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // One multiplexer for the process; a host that already has one (e.g. for leader election) shares it.
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisViewsOptions>>().Value;
            var redis = ConfigurationOptions.Parse(options.ConnectionString);
            // Keep retrying in the background rather than failing the host when Redis is briefly away at start.
            redis.AbortOnConnectFail = false;
            redis.ConnectTimeout = Milliseconds(options.ConnectTimeout);
            redis.SyncTimeout = Milliseconds(options.SyncTimeout);
            redis.AsyncTimeout = Milliseconds(options.AsyncTimeout);
            return ConnectionMultiplexer.Connect(redis);
        });
        services.AddSingleton<LeaderEpoch>();
        services.AddSingleton<RedisViewStore>();
        services.AddSingleton<ViewProgress>();
        services.AddSingleton<PollChangeFeed>();
        AddProjection<RedisResultsProjection, IResultsView>(services);
        AddProjection<RedisHeatmapProjection, IHeatmapView>(services);
        AddProjection<RedisDeltaProjection, IDeltaView>(services);
        AddProjection<RedisVoterStatusProjection, IVoterStatusView>(services);
        AddProjection<RedisPollCatalogProjection, IPollCatalogView>(services);
        AddFraud<RedisFraudProjection>(services, configuration);
        services.AddSingleton<ICountingView>(sp => sp.GetRequiredService<RedisResultsProjection>());
        services.AddSingleton<ICountingView>(sp => sp.GetRequiredService<RedisHeatmapProjection>());
        // Readers of results, heatmaps and deltas go through the near cache; checks of the views themselves (recounts) do not.
        services.AddKeyedSingleton<IResultsView, NearResultsView>(ReadPath);
        services.AddKeyedSingleton<IHeatmapView, NearHeatmapView>(ReadPath);
        services.AddKeyedSingleton<IDeltaView, NearDeltaView>(ReadPath);
        services.AddSingleton<IViewsStamp, RedisViewsStamp>();
        // One subscription to the change channel, shared by the live streams and the follower's progress.
        services.AddSingleton<RedisChangeRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisChangeRelay>());
        // For when several nodes share these views: the leader fences its writes, the others follow its checkpoints.
        services.AddSingleton<IProjectionFence, RedisEpochFence>();
        services.AddSingleton<IAppliedCheckpoint, RedisAppliedCheckpoint>();
        return services;
    }

    /// <summary>The fraud projection, and its retention sweep for the daemon.</summary>
    private static void AddFraud<TProjection>(IServiceCollection services, IConfiguration configuration)
        where TProjection : class, IProjection, IFraudView, IFraudRetention
    {
        services.AddOptions<FraudOptions>().Bind(configuration.GetSection(FraudOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        AddProjection<TProjection, IFraudView>(services);
        services.AddSingleton<IFraudRetention>(sp => sp.GetRequiredService<TProjection>());
    }

    private static int Milliseconds(TimeSpan timeout) => (int)Math.Ceiling(timeout.TotalMilliseconds);

    private static void AddProjection<TProjection, TView>(IServiceCollection services)
        where TProjection : class, IProjection, TView
        where TView : class
    {
        services.AddSingleton<TProjection>();
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<TProjection>());
        services.AddSingleton<TView>(sp => sp.GetRequiredService<TProjection>());
    }
}
