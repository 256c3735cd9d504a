using Npgsql;
using StackExchange.Redis;

namespace Tally.Testing;

/// <summary>
/// One test's share of the run's PostgreSQL and Redis: a fresh database (dropped after) and a key prefix of its own
/// (deleted after), so tests share the servers without sharing state.
/// </summary>
public sealed class SharedServers : IAsyncDisposable
{
    private readonly FreshDatabase _database;
    private readonly Lazy<ConnectionMultiplexer> _redis;

    private SharedServers(FreshDatabase database, string redisConnectionString)
    {
        _database = database;
        RedisConnectionString = redisConnectionString;
        KeyPrefix = SharedRedis.NewKeyPrefix();
        _redis = new(() => ConnectionMultiplexer.Connect(redisConnectionString));
        Ledger = new PostgresLedgerProbe(database.ConnectionString);
    }

    public string DatabaseName => _database.Name;

    public string LedgerConnectionString => _database.ConnectionString;

    public string RedisConnectionString { get; }

    public string KeyPrefix { get; }

    /// <summary>What the ledger on this database stored.</summary>
    public ILedgerProbe Ledger { get; }

    /// <summary>The test's own Redis connection, for looking and for playing a newer leader.</summary>
    public ConnectionMultiplexer Redis => _redis.Value;

    /// <summary>The settings that put a Tally node on these servers.</summary>
    public string[] NodeSettings =>
    [
        "--Tally:Ledger:Provider=postgres",
        $"--Tally:Ledger:Postgres:ConnectionString={LedgerConnectionString}",
        "--Tally:Views:Provider=redis",
        $"--Tally:Views:Redis:ConnectionString={RedisConnectionString}",
        $"--Tally:Views:Redis:KeyPrefix={KeyPrefix}",
    ];

    public static SharedServers Create()
    {
        // Read first, so a missing server fails before a database is made.
        var redis = SharedRedis.ConnectionString;
        return new SharedServers(FreshDatabase.Create(), redis);
    }

    /// <summary>An unpooled connection to the test database, so the test holds nothing open once it has looked.</summary>
    public Task<NpgsqlConnection> OpenLedgerAsync(CancellationToken ct = default) => _database.OpenAsync(ct);

    /// <summary>Ends the one session holding an advisory lock (the projector's), as if its node died; returns its backend pid.</summary>
    public async Task<int> KillLeaderSessionAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenLedgerAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT pid, pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("Nobody holds the projector lock.");
        }
        var pid = reader.GetInt32(0);
        if (!reader.GetBoolean(1))
        {
            throw new InvalidOperationException($"Could not terminate backend {pid}.");
        }
        if (await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("More than one session holds an advisory lock.");
        }
        return pid;
    }

    public async ValueTask DisposeAsync()
    {
        var redis = _redis.IsValueCreated ? _redis.Value : await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
        await using (redis)
        {
            await SharedRedis.DeleteKeysAsync(redis, KeyPrefix);
        }
        await _database.DisposeAsync();
    }
}
