using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tally.Ledger.Postgres;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// A fresh database <c>t_&lt;guid&gt;</c> on the test server named by <c>TALLY_TEST_POSTGRES</c>, created for one test and
/// dropped after it, so tests run in parallel; inspected with plain SQL.
/// </summary>
public sealed class PostgresLedgerFixture : LedgerFixture
{
    public const string ServerVariable = "TALLY_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    public PostgresLedgerFixture()
    {
        // Never skipped: a run without PostgreSQL must fail loudly rather than pass without testing this ledger.
        _adminConnectionString = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: run via scripts/test.sh, which starts PostgreSQL (or source scripts/test-services.sh and call test_services_start).");
        DatabaseName = $"t_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = DatabaseName }.ConnectionString;
    }

    public string DatabaseName { get; }

    /// <summary>The test database, for another ledger node or a raw connection.</summary>
    public string ConnectionString { get; }

    public override void AddLedger(IServiceCollection services) =>
        services.AddTallyLedger(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [LedgerRegistration.ProviderKey] = "postgres",
                [$"{PostgresLedgerOptions.Section}:ConnectionString"] = ConnectionString,
            }).Build(),
            dataPath: Path.GetTempPath());

    public override async Task<IReadOnlyList<VoteRow>> ReadVoteRowsAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT vote_id, option_id, region, is_retracted, retracted_at, ip_address, user_agent
            FROM vote_records WHERE poll_id = $1 AND voter_id = $2 ORDER BY timestamp, vote_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = pollId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = voterId });
        var rows = new List<VoteRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new VoteRow(
                reader.GetGuid(0),
                reader.GetInt32(1),
                TextOrNull(reader, 2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                TextOrNull(reader, 5),
                TextOrNull(reader, 6)));
        }
        return rows;
    }

    public override async Task<IReadOnlyList<AuditRow>> ReadAuditRowsAsync(Guid pollId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT actor, action, vote_id, ip_address, user_agent FROM audit_log WHERE poll_id = $1 ORDER BY audit_id", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = pollId });
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                TextOrNull(reader, 3),
                TextOrNull(reader, 4)));
        }
        return rows;
    }

    public override async Task<IReadOnlyList<(string Actor, string? Detail)>> ReadAuditRowsAsync(string action, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT actor, detail FROM audit_log WHERE action = $1 ORDER BY audit_id", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action });
        var rows = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), TextOrNull(reader, 1)));
        }
        return rows;
    }

    /// <summary>An unpooled connection to the test database, so the test holds nothing open once it has looked.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // FORCE: a connection a failed test left behind must not keep the database alive.
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
