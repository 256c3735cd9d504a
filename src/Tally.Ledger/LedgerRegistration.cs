using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.EventLog;
using Tally.Ledger.Blocks;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Postgres;
using Tally.Ledger.Sessions;
using Tally.Ledger.Sqlite;
using Tally.Ledger.Stores;

namespace Tally.Ledger;

public static class LedgerRegistration
{
    /// <summary>
    /// The write side: command handlers, group commit, and the ledger's stores — the embedded SQLite ledger in
    /// <paramref name="dataPath"/>, or PostgreSQL. Every options class is validated when the host starts.
    /// </summary>
    public static IServiceCollection AddTallyLedger(this IServiceCollection services, IConfiguration configuration, string dataPath, LedgerProvider provider)
    {
        services.AddOptions<GroupCommitOptions>().Bind(configuration.GetSection(GroupCommitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LedgerCommits>();
        switch (provider)
        {
            case LedgerProvider.Sqlite:
                AddSqliteStores(services, configuration, dataPath);
                break;
            case LedgerProvider.Postgres:
                PostgresLedgerRegistration.AddPostgresStores(services, configuration);
                break;
        }

        services.AddMetrics();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<PollDirectory>();
        services.AddSingleton<VoteBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteBatcher>());
        services.AddTallyBlocks(configuration);
        services.AddSingleton<CastVoteHandler>();
        services.AddSingleton<RetractVoteHandler>();
        services.AddSingleton<RetractVotesHandler>();
        services.AddSingleton<ReinstateVotesHandler>();
        services.AddSingleton<CreatePollHandler>();
        services.AddSingleton<ClosePollHandler>();
        return services;
    }

    private static void AddSqliteStores(IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        services.AddOptions<SqliteLedgerOptions>().Bind(configuration.GetSection(SqliteLedgerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var sqlite = sp.GetRequiredService<IOptions<SqliteLedgerOptions>>().Value;
            var file = Path.IsPathRooted(sqlite.File) ? sqlite.File : Path.Combine(dataPath, sqlite.File);
            return new SqliteLedgerDatabase(file, sqlite, sp.GetRequiredService<LedgerCommits>());
        });
        services.AddSingleton(sp => new SqliteEventAppender(sp.GetRequiredService<SqliteLedgerDatabase>()));
        services.AddSingleton<IPollStore, SqlitePollStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IEventLog, SqliteEventLog>();
        services.AddSingleton<IAdminStore, SqliteAdminStore>();
        services.AddSingleton<IRecountStore, SqliteRecountStore>();
        services.AddSingleton<IBlockStore, SqliteBlockStore>();
        services.AddSingleton<ISessionKeyStore, SqliteSessionKeyStore>();
        services.AddSingleton<IVoteExport, SqliteVoteExport>();
        services.AddSingleton<IAuditTrail, SqliteAuditTrail>();
        services.AddSingleton<ILiveVoteCounts, SqliteLiveVoteCounts>();
        services.AddSingleton<IVoterIdMigration, SqliteVoterIdMigration>();
        services.AddSingleton<IVoteStore>(sp => new SqliteVoteStore(
            sp.GetRequiredService<SqliteLedgerDatabase>(), sp.GetRequiredService<SqliteEventAppender>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<LedgerMetrics>()));
    }
}
