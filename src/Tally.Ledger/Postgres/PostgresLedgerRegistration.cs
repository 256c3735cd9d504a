using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

internal static class PostgresLedgerRegistration
{
    /// <summary>The PostgreSQL stores. The connection string comes from <c>Tally:Ledger:Postgres:ConnectionString</c> or <c>ConnectionStrings:Ledger</c>.</summary>
    public static void AddPostgresStores(IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresLedgerOptions.ConnectionStringFrom(configuration);
        services.AddSingleton(sp => new PostgresLedgerDatabase(connectionString, sp.GetRequiredService<LedgerCommits>()));
        services.AddSingleton<IPollStore, PostgresPollStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IEventLog, PostgresEventLog>();
        services.AddSingleton<IVoteStore, PostgresVoteStore>();
        services.AddSingleton<IAdminStore, PostgresAdminStore>();
        services.AddSingleton<IVoterIdMigration, PostgresVoterIdMigration>();
        // Other nodes write this database too: their commits must wake this node's readers as its own do.
        services.AddHostedService(sp => new PostgresCommitListener(
            connectionString, sp.GetRequiredService<PostgresLedgerDatabase>(), sp.GetRequiredService<ILogger<PostgresCommitListener>>()));
    }
}
