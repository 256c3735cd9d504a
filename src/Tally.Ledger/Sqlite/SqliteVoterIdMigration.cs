using Microsoft.Data.Sqlite;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteVoterIdMigration(SqliteLedgerDatabase database, TimeProvider clock) : IVoterIdMigration
{
    public Task<int> ReencodeOnceAsync(Func<string, string?> reencode, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        if (SqliteLedgerDatabase.ScalarLong(transaction.Connection!,
                $"SELECT count(*) FROM ledger_settings WHERE name = '{VoterIdReencoding.MarkerName}'", transaction) > 0)
        {
            return 0;
        }
        var stored = new List<string>();
        using (var candidates = Command(transaction, VoterIdReencoding.CandidatesSql))
        using (var reader = candidates.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }
        var renames = VoterIdReencoding.Plan(stored, reencode);
        if (renames.Count > 0)
        {
            Rename(transaction, renames);
        }
        using (var mark = Command(transaction, "INSERT INTO ledger_settings (name, value) VALUES ($name, $value)"))
        {
            mark.Parameters.AddWithValue("$name", VoterIdReencoding.MarkerName);
            mark.Parameters.AddWithValue("$value", VoterIdReencoding.MarkerValue);
            mark.ExecuteNonQuery();
        }
        return renames.Count;
    }, ct);

    private void Rename(SqliteTransaction transaction, Dictionary<string, string> renames)
    {
        var at = clock.GetUtcNow();
        using (var temp = Command(transaction, "CREATE TEMP TABLE voter_renames (old_id TEXT PRIMARY KEY, parked_id TEXT NOT NULL, new_id TEXT NOT NULL)"))
        {
            temp.ExecuteNonQuery();
        }
        using (var insert = Command(transaction, "INSERT INTO voter_renames (old_id, parked_id, new_id) VALUES ($old, $parked, $new)"))
        {
            var old = insert.Parameters.Add("$old", SqliteType.Text);
            var parked = insert.Parameters.Add("$parked", SqliteType.Text);
            var renamed = insert.Parameters.Add("$new", SqliteType.Text);
            foreach (var (from, to) in renames)
            {
                old.Value = from;
                parked.Value = VoterIdReencoding.Parked(to);
                renamed.Value = to;
                insert.ExecuteNonQuery();
                SqliteAudit.Write(transaction, at, VoterIdReencoding.AuditActor, VoterIdReencoding.AuditAction, detail: VoterIdReencoding.AuditDetail(from, to));
            }
        }
        // Two steps, through a parked spelling: renaming straight across could meet another voter's row in a unique index.
        using (var update = Command(transaction, """
            UPDATE vote_records SET voter_id = r.parked_id FROM voter_renames r WHERE vote_records.voter_id = r.old_id;
            UPDATE idempotency_keys SET voter_id = r.parked_id FROM voter_renames r WHERE idempotency_keys.voter_id = r.old_id;
            UPDATE polls SET owner_id = r.parked_id FROM voter_renames r WHERE polls.owner_id = r.old_id;
            UPDATE vote_records SET voter_id = r.new_id FROM voter_renames r WHERE vote_records.voter_id = r.parked_id;
            UPDATE idempotency_keys SET voter_id = r.new_id FROM voter_renames r WHERE idempotency_keys.voter_id = r.parked_id;
            UPDATE polls SET owner_id = r.new_id FROM voter_renames r WHERE polls.owner_id = r.parked_id;
            """))
        {
            update.ExecuteNonQuery();
        }
        RewriteEvents(transaction, renames);
        using var drop = Command(transaction, "DROP TABLE temp.voter_renames");
        drop.ExecuteNonQuery();
    }

    /// <summary>One pass over the log: the only time a stored event is ever rewritten, and only its voter ids.</summary>
    private static void RewriteEvents(SqliteTransaction transaction, Dictionary<string, string> renames)
    {
        var rewritten = new List<(long Sequence, string Payload)>();
        using (var read = Command(transaction, "SELECT sequence, type, payload FROM events"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                if (VoterIdRewrite.RewritePayload(reader.GetString(1), reader.GetString(2), renames) is { } renamed)
                {
                    rewritten.Add((reader.GetInt64(0), renamed));
                }
            }
        }
        using var update = Command(transaction, "UPDATE events SET payload = $payload WHERE sequence = $sequence");
        var payload = update.Parameters.Add("$payload", SqliteType.Text);
        var sequence = update.Parameters.Add("$sequence", SqliteType.Integer);
        foreach (var row in rewritten)
        {
            payload.Value = row.Payload;
            sequence.Value = row.Sequence;
            update.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
