using Microsoft.Data.Sqlite;

namespace Tally.Ledger.Sqlite;

/// <summary>Audit rows for changes a moderator must be able to trace: who did what, when, from where.</summary>
internal static class SqliteAudit
{
    public static void Write(SqliteTransaction transaction, DateTimeOffset at, string actor, string action,
        Guid? pollId = null, Guid? voteId = null, string? ipAddress = null, string? userAgent = null, string? detail = null)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit_log (at, actor, action, poll_id, vote_id, ip_address, user_agent, detail)
            VALUES ($at, $actor, $action, $poll_id, $vote_id, $ip, $ua, $detail)
            """;
        command.Parameters.AddWithValue("$at", SqliteValues.Time(at));
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$poll_id", pollId is { } p ? p.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("$vote_id", voteId is { } v ? v.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("$ip", SqliteValues.TextOrNull(ipAddress));
        command.Parameters.AddWithValue("$ua", SqliteValues.TextOrNull(userAgent));
        command.Parameters.AddWithValue("$detail", SqliteValues.TextOrNull(detail));
        command.ExecuteNonQuery();
    }
}
