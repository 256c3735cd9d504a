using Microsoft.Data.Sqlite;
using Npgsql;
using StackExchange.Redis;
using static SQLitePCL.raw;

namespace Tally.Server.Problems;

/// <summary>
/// The one place that tells a storage outage (the ledger's database or Redis failing, overloaded, slow or away) from a
/// fault in Tally's own logic. An outage answers 503 and the caller retries; a fault of ours stays a 500.
/// </summary>
public static class StorageOutage
{
    /// <summary>Whether <paramref name="exception"/>, or anything it wraps, is an outage.</summary>
    public static bool Caused(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (IsOutage(e))
            {
                return true;
            }
        }
        return false;
    }

    /// <remarks>
    /// A Redis server error is an outage when Redis refuses for now (loading, busy with a script, out of memory, a
    /// read-only replica, a cluster down), not when it refuses the command.
    /// </remarks>
    private static bool IsOutage(Exception e) => e switch
    {
        PostgresException postgres => IsOutageState(postgres.SqlState),
        // Whatever else Npgsql raises is about reaching the server: I/O errors, timeouts, a pool with no free connection.
        NpgsqlException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SQLITE_BUSY or SQLITE_LOCKED or SQLITE_NOMEM or SQLITE_READONLY
            or SQLITE_IOERR or SQLITE_CORRUPT or SQLITE_FULL or SQLITE_CANTOPEN or SQLITE_PROTOCOL or SQLITE_NOTADB,
        RedisConnectionException => true,
        RedisServerException server => server.Kind is RedisErrorKind.Loading or RedisErrorKind.Busy or RedisErrorKind.OutOfMemory
            or RedisErrorKind.ReadOnly or RedisErrorKind.MasterDown or RedisErrorKind.ClusterDown or RedisErrorKind.TryAgain
            or RedisErrorKind.Misconfigured or RedisErrorKind.NoReplicas or RedisErrorKind.MaxClients,
        // RedisTimeoutException among them.
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Connection failures (08), a transaction PostgreSQL chose to abort (40: deadlock, serialization), no resources left
    /// (53: disk full, too many connections), operator intervention (57: shutdown, restart, cancelled on timeout), system
    /// and internal errors (58, XX), a lock not granted (55P03), a read-only standby (25006). Anything else (a syntax
    /// error, a broken constraint, a bad value) is about what Tally sent.
    /// </summary>
    private static bool IsOutageState(string state) =>
        state is ['0', '8', ..] or ['4', '0', ..] or ['5', '3', ..] or ['5', '7', ..] or ['5', '8', ..] or ['X', 'X', ..]
            or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.ReadOnlySqlTransaction;
}
