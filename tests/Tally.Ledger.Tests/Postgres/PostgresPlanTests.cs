using Npgsql;
using Tally.Ledger.EventLog;
using Tally.Ledger.Postgres;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// Plans the hot statements keep for the life of a connection. Npgsql prepares them, and PostgreSQL may then keep one
/// generic plan, made while the tables of a fresh ledger were empty; a plan that scans a table then reads every row of
/// it for every batch, more each time, until autovacuum's first ANALYZE replans it.
/// </summary>
public sealed class PostgresPlanTests : IAsyncLifetime
{
    private readonly PostgresLedgerFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Idempotency_key_lookup_probes_the_primary_keys_in_a_generic_plan_made_on_an_empty_ledger()
    {
        // Brings the schema up, as a node starting on a fresh database does.
        await using (new PostgresLedgerDatabase(_fixture.ConnectionString, new LedgerCommits()))
        {
        }
        await using var connection = new NpgsqlConnection(_fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await Execute(connection, "SET plan_cache_mode = force_generic_plan");
        await Execute(connection, $"PREPARE find_keys(text[], text[]) AS {PostgresVoteBatch.FindKeysSql}");

        var plan = await Explain(connection, "EXPLAIN EXECUTE find_keys(ARRAY['voter-1', 'voter-2'], ARRAY['key-1', 'key-2'])");

        Assert.Contains("Index Scan using idempotency_keys_pkey", plan);
        Assert.DoesNotContain("Seq Scan on idempotency_keys", plan);
        // A found key's answer is read from its vote's row, by its primary key too.
        Assert.Contains("Index Scan using vote_records_pkey", plan);
        Assert.DoesNotContain("Seq Scan on vote_records", plan);
    }

    [Fact]
    public async Task Reading_one_poll_walks_the_poll_index_in_a_generic_plan_made_on_an_empty_ledger()
    {
        await using (new PostgresLedgerDatabase(_fixture.ConnectionString, new LedgerCommits()))
        {
        }
        await using var connection = new NpgsqlConnection(_fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await Execute(connection, "SET plan_cache_mode = force_generic_plan");
        await Execute(connection, $"PREPARE read_poll(uuid, bigint, bigint, integer) AS {PostgresEventLog.ReadPollSql}");

        var plan = await Explain(connection, $"EXPLAIN EXECUTE read_poll('{Guid.CreateVersion7()}', 0, 1000, 100)");

        // Not events_pkey filtered by poll: that walks the whole log for a poll with few events.
        Assert.Contains("Index Scan using events_by_poll", plan);
        Assert.DoesNotContain("events_pkey", plan);
        Assert.DoesNotContain("Sort", plan);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string> Explain(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
