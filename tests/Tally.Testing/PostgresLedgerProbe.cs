using System.Data.Common;
using Npgsql;

namespace Tally.Testing;

/// <summary>A PostgreSQL ledger's database read through unpooled connections of the probe's own.</summary>
public sealed class PostgresLedgerProbe(string connectionString) : ILedgerProbe
{
    public async Task<long> CountRowsAsync(string table, CancellationToken ct = default) =>
        (await ReadAsync(LedgerRows.CountOf(table), [], r => r.GetInt64(0), ct))[0];

    public Task<IReadOnlyList<ProbedVote>> VotesAsync(Guid? pollId = null, CancellationToken ct = default) => ReadAsync(
        $"""
        SELECT {LedgerRows.VoteColumns}
        FROM vote_records WHERE $1::uuid IS NULL OR poll_id = $1 ORDER BY timestamp, vote_id
        """,
        [new NpgsqlParameter<Guid?> { TypedValue = pollId }],
        r => new ProbedVote(
            r.GetGuid(0),
            r.GetString(1),
            r.GetInt32(2),
            r.TextOrNull(3),
            r.GetBoolean(4),
            r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero),
            r.TextOrNull(6),
            r.TextOrNull(7),
            r.TextOrNull(8),
            r.TextOrNull(9)),
        ct);

    public Task<IReadOnlyList<ProbedPoll>> PollsAsync(CancellationToken ct = default) => ReadAsync(
        "SELECT poll_id, title, closed_at IS NOT NULL FROM polls ORDER BY created_at, poll_id",
        [],
        r => new ProbedPoll(r.GetGuid(0), r.GetString(1), r.GetBoolean(2)),
        ct);

    public Task<IReadOnlyList<ProbedAudit>> AuditAsync(CancellationToken ct = default) => ReadAsync(
        LedgerRows.Audit,
        [],
        r => new ProbedAudit(
            r.GetString(0),
            r.GetString(1),
            r.IsDBNull(2) ? null : r.GetGuid(2),
            r.IsDBNull(3) ? null : r.GetGuid(3),
            r.TextOrNull(4),
            r.TextOrNull(5),
            r.TextOrNull(6)),
        ct);

    public Task<IReadOnlyList<ProbedEvent>> EventsAsync(CancellationToken ct = default) => ReadAsync(
        "SELECT sequence, type, poll_id, payload::text FROM events ORDER BY sequence",
        [],
        r => new ProbedEvent(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3)),
        ct);

    public async Task<long> LastSequenceAsync(CancellationToken ct = default) =>
        (await ReadAsync("SELECT last_sequence FROM event_head", [], r => r.GetInt64(0), ct))[0];

    public Task<IReadOnlyList<string>> PasswordHashesAsync(CancellationToken ct = default) =>
        ReadAsync("SELECT password_hash FROM users ORDER BY created_at, user_id", [], r => r.GetString(0), ct);

    private Task<IReadOnlyList<T>> ReadAsync<T>(string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> row, CancellationToken ct) =>
        // Unpooled, so the test holds nothing open once it has looked (a database is dropped WITH (FORCE) anyway).
        LedgerRows.ReadAsync(
            new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString),
            sql, parameters, row, ct);
}
