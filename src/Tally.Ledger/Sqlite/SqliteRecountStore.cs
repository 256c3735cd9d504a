using Microsoft.Data.Sqlite;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteRecountStore(SqliteLedgerDatabase database) : IRecountStore
{
    public Task<long> CountAsync(Guid pollId, RecountSlice slice, RecountCount count, CancellationToken ct)
    {
        using var snapshot = new SqliteSnapshot(database);
        // vote_id is lower-case "D" text under the BINARY collation: this is the canonical order.
        using var command = snapshot.Command("""
            SELECT vote_id, option_id, region FROM vote_records
            WHERE poll_id = $poll AND is_retracted = 0
              AND ($region IS NULL OR region = $region)
              AND ($from IS NULL OR timestamp >= $from)
              AND ($to IS NULL OR timestamp < $to)
            ORDER BY vote_id
            """);
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        command.Parameters.AddWithValue("$region", SqliteValues.TextOrNull(slice.Region));
        command.Parameters.AddWithValue("$from", SqliteValues.TimeOrNull(slice.From));
        command.Parameters.AddWithValue("$to", SqliteValues.TimeOrNull(slice.To));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            count.Add(Guid.Parse(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return Task.FromResult(snapshot.Sequence);
    }

    public Task KeepAsync(RecountReport report, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO recounts (recount_id, poll_id, requested_by, requested_at, sequence, report)
            VALUES ($recount, $poll, $by, $at, $sequence, $report)
            """;
        command.Parameters.AddWithValue("$recount", report.RecountId.ToString());
        command.Parameters.AddWithValue("$poll", report.PollId.ToString());
        command.Parameters.AddWithValue("$by", report.RequestedBy);
        command.Parameters.AddWithValue("$at", SqliteValues.Time(report.RequestedAt));
        command.Parameters.AddWithValue("$sequence", report.Ledger.Sequence);
        command.Parameters.AddWithValue("$report", report.ToJson());
        command.ExecuteNonQuery();
        SqliteAudit.Write(transaction, report.RequestedAt, report.RequestedBy, "recount", report.PollId, detail: report.RecountId.ToString());
        return true;
    }, ct);

    public Task<RecountReport?> FindAsync(Guid pollId, Guid recountId, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT report FROM recounts WHERE recount_id = $recount AND poll_id = $poll";
        command.Parameters.AddWithValue("$recount", recountId.ToString());
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        return Task.FromResult(command.ExecuteScalar() is string json ? RecountReport.FromJson(json) : null);
    }
}
