using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.EventLog;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Postgres;
using Tally.Ledger.Sqlite;
using Tally.Ledger.Stores;

namespace Tally.Ledger;

public static class LedgerRegistration
{
    /// <summary>Selects the ledger's storage: <c>sqlite</c> (the default, embedded) or <c>postgres</c>.</summary>
    public const string ProviderKey = "Tally:Ledger:Provider";

    /// <summary>
    /// The write side: command handlers, group commit, and the ledger's stores — the embedded SQLite ledger in
    /// <paramref name="dataPath"/>, or PostgreSQL when <c>Tally:Ledger:Provider</c> is <c>postgres</c>.
    /// </summary>
    public static IServiceCollection AddTallyLedger(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        services.Configure<GroupCommitOptions>(configuration.GetSection(GroupCommitOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LedgerCommits>();
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            AddSqliteStores(services, configuration, dataPath);
        }
        else if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            PostgresLedgerRegistration.AddPostgresStores(services, configuration);
        }
        else
        {
            throw new InvalidOperationException($"{ProviderKey} must be sqlite or postgres, not '{provider}'.");
        }

        services.AddMetrics();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<PollDirectory>();
        services.AddSingleton<VoteBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<VoteBatcher>());
        services.AddSingleton<CastVoteHandler>();
        services.AddSingleton<RetractVoteHandler>();
        services.AddSingleton<CreatePollHandler>();
        services.AddSingleton<ClosePollHandler>();
        return services;
    }

    private static void AddSqliteStores(IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        var sqlite = configuration.GetSection(SqliteLedgerOptions.Section).Get<SqliteLedgerOptions>() ?? new SqliteLedgerOptions();
        var file = Path.IsPathRooted(sqlite.File) ? sqlite.File : Path.Combine(dataPath, sqlite.File);
        services.AddSingleton(sp => new SqliteLedgerDatabase(file, sqlite.Synchronous, sqlite.BusyTimeout, sp.GetRequiredService<LedgerCommits>()));
        services.AddSingleton(sp => new SqliteEventAppender(sp.GetRequiredService<SqliteLedgerDatabase>()));
        services.AddSingleton<IPollStore, SqlitePollStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IEventLog, SqliteEventLog>();
        services.AddSingleton<IAdminStore, SqliteAdminStore>();
        services.AddSingleton<IVoterIdMigration, SqliteVoterIdMigration>();
        services.AddSingleton<IVoteStore>(sp => new SqliteVoteStore(
            sp.GetRequiredService<SqliteLedgerDatabase>(), sp.GetRequiredService<SqliteEventAppender>(), sp.GetRequiredService<TimeProvider>()));
    }
}
