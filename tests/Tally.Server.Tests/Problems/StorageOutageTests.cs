using Microsoft.Data.Sqlite;
using Npgsql;
using StackExchange.Redis;
using Tally.Ledger;
using Tally.Server.Problems;
using static SQLitePCL.raw;

namespace Tally.Server.Tests.Problems;

/// <summary>Which failures are the storage's (503, retry) and which are Tally's own (500).</summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData("08006")] // connection failure
    [InlineData("57P01")] // terminating connection due to administrator command (a restart)
    [InlineData("57P03")] // the database system is starting up
    [InlineData("57014")] // cancelled: a statement timeout
    [InlineData("53100")] // disk full
    [InlineData("53300")] // too many connections
    [InlineData("40P01")] // deadlock victim
    [InlineData("58030")] // I/O error
    [InlineData("25006")] // a read-only standby after a failover
    public void PostgreSqlFailingOrGoingAwayIsAnOutage(string sqlState) =>
        Assert.True(StorageOutage.Caused(new PostgresException("failed", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("42601")] // a syntax error
    [InlineData("42P01")] // an unknown table
    [InlineData("23505")] // a unique violation Tally did not expect
    [InlineData("22021")] // a value PostgreSQL cannot store
    [InlineData("P0001")] // a raised exception
    public void PostgreSqlRefusingWhatTallySentIsNot(string sqlState) =>
        Assert.False(StorageOutage.Caused(new PostgresException("refused", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void ReachingPostgreSqlFailingIsAnOutage() =>
        Assert.True(StorageOutage.Caused(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));

    [Theory]
    [InlineData(SQLITE_BUSY)]
    [InlineData(SQLITE_FULL)]
    [InlineData(SQLITE_IOERR)]
    [InlineData(SQLITE_CANTOPEN)]
    public void SqliteFailingIsAnOutage(int code) => Assert.True(StorageOutage.Caused(new SqliteException("failed", code)));

    [Theory]
    [InlineData(SQLITE_ERROR)]
    [InlineData(SQLITE_CONSTRAINT)]
    [InlineData(SQLITE_MISUSE)]
    public void SqliteRefusingWhatTallySentIsNot(int code) => Assert.False(StorageOutage.Caused(new SqliteException("refused", code)));

    [Fact]
    public void RedisAwayOrSlowIsAnOutage()
    {
        Assert.True(StorageOutage.Caused(new RedisConnectionException(
            ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available", null, CommandStatus.WaitingToBeSent)));
        Assert.True(StorageOutage.Caused(new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response", CommandStatus.Sent)));
        Assert.True(StorageOutage.Caused(Server(RedisErrorKind.Loading, "LOADING Redis is loading the dataset in memory")));
        Assert.True(StorageOutage.Caused(Server(RedisErrorKind.OutOfMemory, "OOM command not allowed when used memory > 'maxmemory'.")));
    }

    [Fact]
    public void RedisRefusingWhatTallySentIsNot()
    {
        Assert.False(StorageOutage.Caused(Server(RedisErrorKind.UnknownError, "ERR Error running script")));
        Assert.False(StorageOutage.Caused(Server(RedisErrorKind.WrongType, "WRONGTYPE Operation against a key holding the wrong kind of value")));
    }

    private static RedisServerException Server(RedisErrorKind kind, string message) => new(kind, CommandFlags.None, message);

    [Fact]
    public void AnOutageIsFoundUnderWhatWrapsIt() =>
        Assert.True(StorageOutage.Caused(new LedgerUnavailableException("The vote could not be committed.", new TimeoutException())));

    [Fact]
    public void AFaultOfTallysOwnIsNot() =>
        Assert.False(StorageOutage.Caused(new LedgerUnavailableException("The vote could not be committed.", new InvalidOperationException())));
}
