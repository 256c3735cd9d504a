using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger.Sqlite;
using Tally.Ledger.Tests.Contract;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The embedded ledger in a fresh temp folder, inspected through its own read-only connection to the file.</summary>
public sealed class SqliteLedgerFixture : LedgerFixture
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tally-ledger-tests-");

    public string DatabaseFile => Path.Combine(_folder.FullName, new SqliteLedgerOptions().File);

    public override void AddLedger(IServiceCollection services) =>
        services.AddTallyLedger(new ConfigurationBuilder().Build(), _folder.FullName);

    public override async Task<IReadOnlyList<VoteRow>> ReadVoteRowsAsync(Guid pollId, string voterId, CancellationToken ct)
    {
        await using var connection = await OpenReadOnlyAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT vote_id, option_id, region, is_retracted, retracted_at, ip_address, user_agent
            FROM vote_records WHERE poll_id = $poll AND voter_id = $voter ORDER BY rowid
            """;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        command.Parameters.AddWithValue("$voter", voterId);
        var rows = new List<VoteRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new VoteRow(
                Guid.Parse(reader.GetString(0)),
                reader.GetInt32(1),
                TextOrNull(reader, 2),
                reader.GetInt64(3) switch
                {
                    0 => false,
                    1 => true,
                    var flag => throw new InvalidDataException($"is_retracted is {flag}"),
                },
                TextOrNull(reader, 4) is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                TextOrNull(reader, 5),
                TextOrNull(reader, 6)));
        }
        return rows;
    }

    public override async Task<IReadOnlyList<AuditRow>> ReadAuditRowsAsync(Guid pollId, CancellationToken ct)
    {
        await using var connection = await OpenReadOnlyAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor, action, vote_id, ip_address, user_agent FROM audit_log WHERE poll_id = $poll ORDER BY audit_id";
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditRow(
                reader.GetString(0),
                reader.GetString(1),
                TextOrNull(reader, 2) is { } voteId ? Guid.Parse(voteId) : null,
                TextOrNull(reader, 3),
                TextOrNull(reader, 4)));
        }
        return rows;
    }

    public override async Task<IReadOnlyList<(string Actor, string? Detail)>> ReadAuditRowsAsync(string action, CancellationToken ct)
    {
        await using var connection = await OpenReadOnlyAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor, detail FROM audit_log WHERE action = $action ORDER BY audit_id";
        command.Parameters.AddWithValue("$action", action);
        var rows = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), TextOrNull(reader, 1)));
        }
        return rows;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenReadOnlyAsync(CancellationToken ct)
    {
        // Unpooled, so the test holds no handle on the file once it has looked.
        var builder = new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    private static string? TextOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
