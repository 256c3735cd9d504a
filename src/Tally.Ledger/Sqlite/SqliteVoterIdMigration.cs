using Microsoft.Data.Sqlite;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteVoterIdMigration(SqliteLedgerDatabase database, TimeProvider clock) : IVoterIdMigration
{
    public Task<int> ReencodeOnceAsync(Func<string, string?> reencode, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        if (SqliteLedgerDatabase.ScalarLong(transaction.Connection!,
                $"SELECT count(*) FROM ledger_settings WHERE name = '{VoterIdMigrationMarker.Name}'", transaction) > 0)
        {
            return 0;
        }
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var candidates = Command(transaction, """
            SELECT voter_id FROM vote_records WHERE voter_id LIKE '%:%'
            UNION SELECT voter_id FROM idempotency_keys WHERE voter_id LIKE '%:%'
            UNION SELECT owner_id FROM polls WHERE owner_id LIKE '%:%'
            """))
        using (var reader = candidates.ExecuteReader())
        {
            while (reader.Read())
            {
                var old = reader.GetString(0);
                if (reencode(old) is { } renamed)
                {
                    renames[old] = renamed;
                }
            }
        }
        if (renames.Count > 0)
        {
            Rename(transaction, renames);
        }
        using (var mark = Command(transaction, "INSERT INTO ledger_settings (name, value) VALUES ($name, $value)"))
        {
            mark.Parameters.AddWithValue("$name", VoterIdMigrationMarker.Name);
            mark.Parameters.AddWithValue("$value", VoterIdMigrationMarker.Value);
            mark.ExecuteNonQuery();
        }
        return renames.Count;
    }, ct);

    private void Rename(SqliteTransaction transaction, Dictionary<string, string> renames)
    {
        var at = clock.GetUtcNow();
        using (var temp = Command(transaction, "CREATE TEMP TABLE voter_renames (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)"))
        {
            temp.ExecuteNonQuery();
        }
        using (var insert = Command(transaction, "INSERT INTO voter_renames (old_id, new_id) VALUES ($old, $new)"))
        {
            var old = insert.Parameters.Add("$old", SqliteType.Text);
            var renamed = insert.Parameters.Add("$new", SqliteType.Text);
            foreach (var (from, to) in renames)
            {
                old.Value = from;
                renamed.Value = to;
                insert.ExecuteNonQuery();
                SqliteAudit.Write(transaction, at, "tally", "voter_id_reencoded", detail: $"{from} -> {to}");
            }
        }
        // Two steps, through a spelling no voter id has (a leading U+0001): one voter's new id may be another's old one,
        // and renaming straight across would meet that voter's row in a unique index.
        using (var update = Command(transaction, """
            UPDATE vote_records SET voter_id = char(1) || r.new_id FROM voter_renames r WHERE vote_records.voter_id = r.old_id;
            UPDATE idempotency_keys SET voter_id = char(1) || r.new_id FROM voter_renames r WHERE idempotency_keys.voter_id = r.old_id;
            UPDATE polls SET owner_id = char(1) || r.new_id FROM voter_renames r WHERE polls.owner_id = r.old_id;
            UPDATE vote_records SET voter_id = r.new_id FROM voter_renames r WHERE vote_records.voter_id = char(1) || r.new_id;
            UPDATE idempotency_keys SET voter_id = r.new_id FROM voter_renames r WHERE idempotency_keys.voter_id = char(1) || r.new_id;
            UPDATE polls SET owner_id = r.new_id FROM voter_renames r WHERE polls.owner_id = char(1) || r.new_id;
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
                if (VoterIdRewrite.Apply(EventCodec.Decode(reader.GetString(1), reader.GetString(2)), renames) is { } renamed)
                {
                    rewritten.Add((reader.GetInt64(0), EventCodec.Encode(renamed)));
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
