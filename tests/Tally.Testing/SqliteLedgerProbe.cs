using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Tally.Ledger.Sqlite;

namespace Tally.Testing;

/// <summary>The embedded ledger's file read through a read-only, unpooled connection of the probe's own.</summary>
public sealed class SqliteLedgerProbe(string file) : ILedgerProbe
{
    /// <summary>The ledger file a node with data folder <paramref name="folder"/> keeps (by default settings).</summary>
    public static SqliteLedgerProbe InFolder(string folder) => new(Path.Combine(folder, new SqliteLedgerOptions().File));

    public async Task<long> CountRowsAsync(string table, CancellationToken ct = default) =>
        (await ReadAsync(LedgerRows.CountOf(table), [], r => r.GetInt64(0), ct))[0];

    public Task<IReadOnlyList<ProbedVote>> VotesAsync(Guid? pollId = null, CancellationToken ct = default) => ReadAsync(
        $"""
        SELECT {LedgerRows.VoteColumns}
        FROM vote_records WHERE $poll IS NULL OR poll_id = $poll ORDER BY rowid
        """,
        [new SqliteParameter("$poll", (object?)pollId?.ToString() ?? DBNull.Value)],
        r => new ProbedVote(
            Guid.Parse(r.GetString(0)),
            r.GetString(1),
            r.GetInt32(2),
            r.TextOrNull(3),
            r.GetInt64(4) switch
            {
                0 => false,
                1 => true,
                var flag => throw new InvalidDataException($"is_retracted is {flag}"),
            },
            r.TextOrNull(5) is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
            r.TextOrNull(6),
            r.TextOrNull(7),
            r.TextOrNull(8),
            r.TextOrNull(9)),
        ct);

    public Task<IReadOnlyList<ProbedPoll>> PollsAsync(CancellationToken ct = default) => ReadAsync(
        "SELECT poll_id, title, closed_at IS NOT NULL FROM polls ORDER BY rowid",
        [],
        r => new ProbedPoll(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetBoolean(2)),
        ct);

    public Task<IReadOnlyList<ProbedAudit>> AuditAsync(CancellationToken ct = default) => ReadAsync(
        LedgerRows.Audit,
        [],
        r => new ProbedAudit(
            r.GetString(0),
            r.GetString(1),
            r.TextOrNull(2) is { } poll ? Guid.Parse(poll) : null,
            r.TextOrNull(3) is { } vote ? Guid.Parse(vote) : null,
            r.TextOrNull(4),
            r.TextOrNull(5),
            r.TextOrNull(6)),
        ct);

    public Task<IReadOnlyList<ProbedEvent>> EventsAsync(CancellationToken ct = default) => ReadAsync(
        "SELECT sequence, type, poll_id, payload FROM events ORDER BY sequence",
        [],
        r => new ProbedEvent(r.GetInt64(0), r.GetString(1), Guid.Parse(r.GetString(2)), r.GetString(3)),
        ct);

    public async Task<long> LastSequenceAsync(CancellationToken ct = default) =>
        (await ReadAsync("SELECT coalesce(max(sequence), 0) FROM events", [], r => r.GetInt64(0), ct))[0];

    public Task<IReadOnlyList<string>> PasswordHashesAsync(CancellationToken ct = default) =>
        ReadAsync("SELECT password_hash FROM users ORDER BY rowid", [], r => r.GetString(0), ct);

    private Task<IReadOnlyList<T>> ReadAsync<T>(string sql, SqliteParameter[] parameters, Func<DbDataReader, T> row, CancellationToken ct) =>
        // Unpooled, so the test holds no handle on the file once it has looked.
        LedgerRows.ReadAsync(
            new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()),
            sql, parameters, row, ct);
}
