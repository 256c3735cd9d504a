using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger;
using Tally.Ledger.Postgres;
using Tally.Sync.Leadership;

namespace Tally.Sync;

public static class SyncRegistration
{
    public static IServiceCollection AddTallySync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncOptions>(configuration.GetSection(SyncOptions.Section));
        services.Configure<LeadershipOptions>(configuration.GetSection(LeadershipOptions.Section));
        services.AddSingleton<SyncLag>();
        services.AddSingleton<ProjectorLeadership>();
        if (SharesProjector(configuration) is { } ledgerConnectionString)
        {
            // Several nodes share one ledger and one set of views: only the elected one applies, the rest follow Redis.
            services.AddSingleton(new LeaderElectionConnection(ledgerConnectionString));
            services.AddSingleton<RedisEpochFence>();
            services.AddSingleton<RedisAppliedCheckpoint>();
            services.AddHostedService<PostgresLeaderElection>();
            services.AddHostedService<FollowerProgress>();
        }
        else
        {
            services.AddHostedService<EmbeddedLeadership>();
        }
        services.AddHostedService<ProjectionDaemon>();
        return services;
    }

    /// <summary>
    /// The ledger's connection string when the ledger is PostgreSQL and the views are in Redis; otherwise null. Memory views
    /// belong to one process, so every such node projects for itself; a SQLite ledger belongs to one process anyway.
    /// </summary>
    private static string? SharesProjector(IConfiguration configuration)
    {
        var views = configuration["Tally:Views:Provider"];
        var ledger = configuration[LedgerRegistration.ProviderKey];
        if (!string.Equals(views, "redis", StringComparison.OrdinalIgnoreCase) || !string.Equals(ledger, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // Exactly where the ledger reads it from, so the election contends on the ledger's own database.
        return PostgresLedgerOptions.ConnectionStringFrom(configuration);
    }
}
