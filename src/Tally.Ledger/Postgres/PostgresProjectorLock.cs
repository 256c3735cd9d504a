using Npgsql;
using Tally.Ledger.Leadership;

namespace Tally.Ledger.Postgres;

/// <summary>
/// The projector lock as a session-level advisory lock. Its session has the ledger's server and database but is
/// unpooled, so closing it really ends the session (and with it the lock) instead of parking it in a pool still holding it.
/// </summary>
public sealed class PostgresProjectorLock(string ledgerConnectionString) : IProjectorLock
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(ledgerConnectionString)
    {
        Pooling = false,
        ApplicationName = "tally-leader-election",
        // A dead peer must not hold the check for minutes: TCP keepalives make a vanished server show up as an error.
        KeepAlive = 5,
    }.ConnectionString;

    public async Task<IProjectorLockSession> OpenSessionAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return new PostgresProjectorLockSession(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
