using Npgsql;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis that scripts/test.sh starts for the run. Each test gets its own database and key prefix,
/// so tests share the servers without sharing state.
/// </summary>
public sealed class SharedServices : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private SharedServices(string adminConnectionString, string database, string redis)
    {
        _adminConnectionString = adminConnectionString;
        Database = database;
        LedgerConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
        Redis = redis;
        KeyPrefix = "t" + Guid.NewGuid().ToString("N");
    }

    public string Database { get; }

    public string LedgerConnectionString { get; }

    public string Redis { get; }

    public string KeyPrefix { get; }

    /// <summary>The settings that put a Tally node on these servers.</summary>
    public string[] NodeSettings =>
    [
        "--Tally:Ledger:Provider=postgres",
        $"--Tally:Ledger:Postgres:ConnectionString={LedgerConnectionString}",
        "--Tally:Views:Provider=redis",
        $"--Tally:Views:Redis:ConnectionString={Redis}",
        $"--Tally:Views:Redis:KeyPrefix={KeyPrefix}",
    ];

    public static async Task<SharedServices> CreateAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("TALLY_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("TALLY_TEST_REDIS");
        if (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(redis))
        {
            throw new InvalidOperationException(
                "TALLY_TEST_POSTGRES and TALLY_TEST_REDIS are not set: run via scripts/test.sh, which starts PostgreSQL and Redis.");
        }
        var database = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await create.ExecuteNonQueryAsync();
        return new SharedServices(postgres, database, redis);
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(LedgerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Row counts of every ledger table (as <see cref="LedgerFile.Counts"/> reads them on SQLite).</summary>
    public async Task<Dictionary<string, long>> LedgerCountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in LedgerFile.Tables)
        {
            counts[table] = await ScalarAsync($"SELECT count(*) FROM {table}");
        }
        counts["retracted"] = await ScalarAsync("SELECT count(*) FROM vote_records WHERE is_retracted");
        counts["closed"] = await ScalarAsync("SELECT count(*) FROM polls WHERE closed_at IS NOT NULL");
        return counts;
    }

    public async Task<Dictionary<long, long>> LiveVotesByOptionAsync(Guid pollId)
    {
        await using var connection = new NpgsqlConnection(LedgerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT option_id, count(*) FROM vote_records WHERE poll_id = @p AND NOT is_retracted GROUP BY option_id", connection);
        command.Parameters.AddWithValue("p", pollId);
        var counts = new Dictionary<long, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[Convert.ToInt64(reader.GetValue(0))] = reader.GetInt64(1);
        }
        return counts;
    }

    public async Task<HashSet<string>> VoteIdsAsync(Guid pollId)
    {
        await using var connection = new NpgsqlConnection(LedgerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT vote_id FROM vote_records WHERE poll_id = @p", connection);
        command.Parameters.AddWithValue("p", pollId);
        var ids = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetValue(0).ToString()!);
        }
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
