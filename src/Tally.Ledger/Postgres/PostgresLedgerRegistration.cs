using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.EventLog;
using Tally.Ledger.Leadership;
using Tally.Ledger.Sessions;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

internal static class PostgresLedgerRegistration
{
    /// <summary>
    /// The PostgreSQL stores, and the projector lock for when several nodes share this ledger. The connection string
    /// comes from <c>Tally:Ledger:Postgres:ConnectionString</c> or <c>ConnectionStrings:Ledger</c>.
    /// </summary>
    public static void AddPostgresStores(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresLedgerOptions>()
            .Bind(configuration.GetSection(PostgresLedgerOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = configuration.GetConnectionString("Ledger");
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostgresLedgerDatabase(ConnectionString(sp), sp.GetRequiredService<LedgerCommits>()));
        services.AddSingleton<IPollStore, PostgresPollStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IEventLog, PostgresEventLog>();
        services.AddSingleton<IVoteStore, PostgresVoteStore>();
        services.AddSingleton<IAdminStore, PostgresAdminStore>();
        services.AddSingleton<IRecountStore, PostgresRecountStore>();
        services.AddSingleton<IBlockStore, PostgresBlockStore>();
        services.AddSingleton<ISessionKeyStore, PostgresSessionKeyStore>();
        services.AddSingleton<IVoteExport, PostgresVoteExport>();
        services.AddSingleton<IAuditTrail, PostgresAuditTrail>();
        services.AddSingleton<ILiveVoteCounts, PostgresLiveVoteCounts>();
        services.AddSingleton<IVoterIdMigration, PostgresVoterIdMigration>();
        // The election contends on the ledger's own database.
        services.AddSingleton<IProjectorLock>(sp => new PostgresProjectorLock(ConnectionString(sp)));
        // Other nodes write this database too: their commits must wake this node's readers as its own do.
        services.AddHostedService(sp => new PostgresCommitListener(
            ConnectionString(sp), sp.GetRequiredService<PostgresLedgerDatabase>(), sp.GetRequiredService<ILogger<PostgresCommitListener>>()));
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PostgresLedgerOptions>>().Value.LedgerConnectionString();
}
