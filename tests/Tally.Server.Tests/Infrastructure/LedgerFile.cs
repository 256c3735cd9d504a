using Microsoft.Data.Sqlite;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>Reads the ledger's SQLite file directly, read-only, to check what the API claims against what was stored.</summary>
public sealed class LedgerFile(string path)
{
    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public List<object?[]> Rows(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every table of the ledger, on SQLite and PostgreSQL alike.</summary>
    public static readonly string[] Tables =
        ["users", "polls", "poll_options", "poll_regions", "vote_records", "idempotency_keys", "audit_log", "events", "admin_grants"];

    /// <summary>Row counts of every ledger table: equal before and after means nothing changed.</summary>
    public Dictionary<string, long> Counts()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = Scalar($"SELECT count(*) FROM {table}");
        }
        counts["retracted"] = Scalar("SELECT count(*) FROM vote_records WHERE is_retracted = 1");
        counts["closed"] = Scalar("SELECT count(*) FROM polls WHERE closed_at IS NOT NULL");
        return counts;
    }

    /// <summary>Live votes per option straight from the vote rows: the ground truth the views must match.</summary>
    public Dictionary<long, long> LiveVotesByOption(string pollId) =>
        Rows("SELECT option_id, count(*) FROM vote_records WHERE poll_id = $p AND is_retracted = 0 GROUP BY option_id", ("$p", pollId))
            .ToDictionary(r => (long)r[0]!, r => (long)r[1]!);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
