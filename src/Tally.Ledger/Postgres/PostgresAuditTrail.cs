using Tally.Ledger.Audit;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresAuditTrail(PostgresLedgerDatabase database) : IAuditTrail
{
    private const string ReadSql = """
        SELECT audit_id, at, actor, action, poll_id, vote_id, ip_address, user_agent, detail FROM audit_log
        WHERE audit_id > $1
          AND ($2::uuid IS NULL OR poll_id = $2)
          AND ($3::text IS NULL OR action = $3)
          AND ($4::bigint IS NULL OR at >= $4)
          AND ($5::bigint IS NULL OR at < $5)
        ORDER BY audit_id
        LIMIT $6
        """;

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(PostgresValues.Bigint(query.After));
        command.Parameters.Add(PostgresValues.NullableUuid(query.PollId));
        command.Parameters.Add(PostgresValues.NullableText(query.Action));
        command.Parameters.Add(PostgresValues.NullableInstant(query.From));
        command.Parameters.Add(PostgresValues.NullableInstant(query.To));
        command.Parameters.Add(PostgresValues.Integer(query.Limit));
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                PostgresValues.Time(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5),
                PostgresValues.TextOrNull(reader, 6),
                PostgresValues.TextOrNull(reader, 7),
                PostgresValues.TextOrNull(reader, 8)));
        }
        return entries;
    }

    public Task RecordAsync(DateTimeOffset at, string actor, string action, Guid? pollId, string? detail, CancellationToken ct) =>
        database.WriteAsync(async write =>
        {
            await using var batch = write.CreateBatch();
            batch.BatchCommands.Add(PostgresAudit.Insert(at, actor, action, pollId, detail: detail));
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }, ct);
}
