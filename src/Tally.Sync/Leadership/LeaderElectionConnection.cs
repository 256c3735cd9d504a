using Npgsql;

namespace Tally.Sync.Leadership;

/// <summary>
/// Opens the election's session: same server and database as the ledger, but unpooled, so closing it really ends the
/// session (and with it the advisory lock) instead of parking it in a pool still holding the lock.
/// </summary>
public sealed class LeaderElectionConnection(string ledgerConnectionString)
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(ledgerConnectionString)
    {
        Pooling = false,
        ApplicationName = "tally-leader-election",
        // A dead peer must not hold the check for minutes: TCP keepalives make a vanished server show up as an error.
        KeepAlive = 5,
    }.ConnectionString;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
