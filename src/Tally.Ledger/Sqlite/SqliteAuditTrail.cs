using Tally.Ledger.Audit;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteAuditTrail(SqliteLedgerDatabase database) : IAuditTrail
{
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        // Times are stored in one fixed-width UTC format, so comparing the text compares the instants.
        command.CommandText = """
            SELECT audit_id, at, actor, action, poll_id, vote_id, ip_address, user_agent, detail FROM audit_log
            WHERE audit_id > $after
              AND ($poll IS NULL OR poll_id = $poll)
              AND ($action IS NULL OR action = $action)
              AND ($from IS NULL OR at >= $from)
              AND ($to IS NULL OR at < $to)
            ORDER BY audit_id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", query.After);
        command.Parameters.AddWithValue("$poll", query.PollId is { } poll ? poll.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("$action", SqliteValues.TextOrNull(query.Action));
        command.Parameters.AddWithValue("$from", SqliteValues.TimeOrNull(query.From));
        command.Parameters.AddWithValue("$to", SqliteValues.TimeOrNull(query.To));
        command.Parameters.AddWithValue("$limit", query.Limit);
        var entries = new List<AuditEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                SqliteValues.ReadTime(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : Guid.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

    public Task RecordAsync(DateTimeOffset at, string actor, string action, Guid? pollId, string? detail, CancellationToken ct) =>
        database.WriteAsync(transaction =>
        {
            SqliteAudit.Write(transaction, at, actor, action, pollId, detail: detail);
            return true;
        }, ct);
}
