using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger;
using Tally.Sync.Counting;
using Tally.Sync.Leadership;
using Tally.Sync.Ownership;
using Tally.Sync.Rebuilds;
using Tally.Sync.Reconciliation;
using Tally.Sync.Retention;
using Tally.Views;
using Tally.Views.Progress;

namespace Tally.Sync.Topology;

public static class TopologyRegistration
{
    /// <summary>The ledger and the views <see cref="TallyTopology.From"/> reads from the configuration, and the sync layer between them.</summary>
    public static IServiceCollection AddTallyTopology(this IServiceCollection services, IConfiguration configuration, string dataPath) =>
        services.AddTallyTopology(TallyTopology.From(configuration), configuration, dataPath);

    /// <summary>
    /// The one place the topology is decided: the write side on <see cref="TallyTopology.Ledger"/>, the read side on
    /// <see cref="TallyTopology.Views"/>, and the projection daemon between them, which leads for as long as the node runs
    /// unless several nodes share the projector: then the ledger's lock elects the leader, the views fence it, and the
    /// other nodes follow its checkpoints.
    /// </summary>
    public static IServiceCollection AddTallyTopology(this IServiceCollection services, TallyTopology topology, IConfiguration configuration, string dataPath)
    {
        services.AddSingleton(topology);
        services.AddTallyLedger(configuration, dataPath, topology.Ledger);
        services.AddTallyViews(configuration, topology.Views, dataPath);

        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LeadershipOptions>().Bind(configuration.GetSection(LeadershipOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SyncLag>();
        services.AddSingleton<ViewsState>();
        services.AddSingleton<ViewsOwnership>();
        services.AddSingleton<BetweenBatches>();
        services.AddSingleton<LedgerComparison>();
        services.AddSingleton<ShadowRebuilds>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<SyncMetrics>();
        services.AddSingleton<ProjectorLeadership>();
        if (topology.SharesProjector)
        {
            services.AddHostedService<LeaderElection>();
            services.AddHostedService<FollowerProgress>();
        }
        else
        {
            services.AddHostedService<EmbeddedLeadership>();
        }
        services.AddHostedService<ProjectionDaemon>();
        services.AddHostedService<LagWatch>();
        services.AddHostedService<ReconcileSchedule>();
        services.AddHostedService<FraudRetentionSchedule>();
        return services;
    }
}
