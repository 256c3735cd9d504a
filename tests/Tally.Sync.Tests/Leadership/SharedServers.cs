using Npgsql;
using StackExchange.Redis;

namespace Tally.Sync.Tests.Leadership;

/// <summary>
/// One test's share of the test PostgreSQL and Redis: a fresh database <c>t_&lt;guid&gt;</c> (dropped after) and a unique
/// Redis key prefix (deleted after), so tests run in parallel and leave nothing behind.
/// </summary>
public sealed class SharedServers : IAsyncDisposable
{
    private const string PostgresVariable = "TALLY_TEST_POSTGRES";
    private const string RedisVariable = "TALLY_TEST_REDIS";

    private readonly string _adminConnectionString;

    private SharedServers(string adminConnectionString, string redisConnectionString, ConnectionMultiplexer redis)
    {
        _adminConnectionString = adminConnectionString;
        RedisConnectionString = redisConnectionString;
        Redis = redis;
        DatabaseName = $"t_{Guid.NewGuid():N}";
        KeyPrefix = $"test-{Guid.NewGuid():N}";
        LedgerConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public string DatabaseName { get; }

    public string LedgerConnectionString { get; }

    public string RedisConnectionString { get; }

    public string KeyPrefix { get; }

    /// <summary>The test's own Redis connection, for looking and for playing a newer leader.</summary>
    public ConnectionMultiplexer Redis { get; }

    public static async Task<SharedServers> StartAsync(CancellationToken ct)
    {
        // Never skipped: a run without the servers must fail loudly rather than pass without testing leadership.
        var postgres = Require(PostgresVariable);
        var redisConnectionString = Require(RedisVariable);
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnectionString);
        var servers = new SharedServers(postgres, redisConnectionString, redis);
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {servers.DatabaseName}", connection);
        await create.ExecuteNonQueryAsync(ct);
        return servers;
    }

    /// <summary>An unpooled connection to the test database, so the test holds nothing open once it has looked.</summary>
    public async Task<NpgsqlConnection> OpenLedgerAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(LedgerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Ends the session holding the projector lock, as if its node died; returns its backend pid.</summary>
    public async Task<int> KillLeaderSessionAsync(CancellationToken ct)
    {
        await using var connection = await OpenLedgerAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT pid, pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct), "nobody holds the projector lock");
        var pid = reader.GetInt32(0);
        Assert.True(reader.GetBoolean(1), $"could not terminate backend {pid}");
        Assert.False(await reader.ReadAsync(ct), "more than one session holds an advisory lock");
        return pid;
    }

    public async ValueTask DisposeAsync()
    {
        var server = Redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: "{" + KeyPrefix + "}:*"))
        {
            await Redis.GetDatabase().KeyDeleteAsync(key);
        }
        await Redis.DisposeAsync();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // FORCE: a session a failed test left behind must not keep the database alive.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run via scripts/test.sh, or source scripts/test-services.sh and call test_services_start.");
}
