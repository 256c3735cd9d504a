using Npgsql;
using NpgsqlTypes;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresVoterIdMigration(PostgresLedgerDatabase database, TimeProvider clock) : IVoterIdMigration
{
    /// <summary>Names the lock that makes nodes starting together take turns ("tallyvid").</summary>
    private const long LockKey = 0x74616C6C79766964;

    public Task<int> ReencodeOnceAsync(Func<string, string?> reencode, CancellationToken ct) => database.WriteAsync(async write =>
    {
        await ExecuteAsync(write, "SELECT pg_advisory_xact_lock($1)", ct, PostgresValues.Bigint(LockKey)).ConfigureAwait(false);
        await using (var marked = new NpgsqlCommand("SELECT 1 FROM ledger_settings WHERE name = $1", write.Connection, write.Transaction))
        {
            marked.Parameters.Add(PostgresValues.Text(VoterIdReencoding.MarkerName));
            if (await marked.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return 0;
            }
        }
        var stored = new List<string>();
        await using (var candidates = new NpgsqlCommand(VoterIdReencoding.CandidatesSql, write.Connection, write.Transaction))
        await using (var reader = await candidates.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                stored.Add(reader.GetString(0));
            }
        }
        var renames = VoterIdReencoding.Plan(stored, reencode);
        if (renames.Count > 0)
        {
            await RenameAsync(write, renames, ct).ConfigureAwait(false);
        }
        await ExecuteAsync(write, "INSERT INTO ledger_settings (name, value) VALUES ($1, $2)", ct,
            PostgresValues.Text(VoterIdReencoding.MarkerName), PostgresValues.Text(VoterIdReencoding.MarkerValue)).ConfigureAwait(false);
        return renames.Count;
    }, ct);

    private async Task RenameAsync(PostgresWrite write, Dictionary<string, string> renames, CancellationToken ct)
    {
        var olds = renames.Keys.ToArray();
        var news = olds.Select(o => renames[o]).ToArray();
        var at = clock.GetUtcNow();
        await using (var batch = write.CreateBatch())
        {
            // Two steps, through a parked spelling: renaming straight across could meet another voter's row in a unique index.
            var parked = news.Select(VoterIdReencoding.Parked).ToArray();
            foreach (var (from, to) in (ReadOnlySpan<(string[] From, string[] To)>)[(olds, parked), (parked, news)])
            {
                foreach (var (table, column) in (ReadOnlySpan<(string Table, string Column)>)[("vote_records", "voter_id"), ("idempotency_keys", "voter_id"), ("polls", "owner_id")])
                {
                    batch.BatchCommands.Add(PostgresValues.Command(
                        $"UPDATE {table} t SET {column} = r.new_id FROM unnest($1::text[], $2::text[]) AS r(old_id, new_id) WHERE t.{column} = r.old_id",
                        PostgresValues.Array(from, NpgsqlDbType.Text), PostgresValues.Array(to, NpgsqlDbType.Text)));
                }
            }
            foreach (var (from, to) in renames)
            {
                batch.BatchCommands.Add(PostgresAudit.Insert(at, VoterIdReencoding.AuditActor, VoterIdReencoding.AuditAction, detail: VoterIdReencoding.AuditDetail(from, to)));
            }
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await RewriteEventsAsync(write, renames, ct).ConfigureAwait(false);
    }

    /// <summary>One pass over the log: the only time a stored event is ever rewritten, and only its voter ids.</summary>
    private static async Task RewriteEventsAsync(PostgresWrite write, Dictionary<string, string> renames, CancellationToken ct)
    {
        var sequences = new List<long>();
        var payloads = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT sequence, type, payload FROM events", write.Connection, write.Transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (VoterIdRewrite.RewritePayload(reader.GetString(1), reader.GetString(2), renames) is { } payload)
                {
                    sequences.Add(reader.GetInt64(0));
                    payloads.Add(payload);
                }
            }
        }
        await ExecuteAsync(write,
            "UPDATE events e SET payload = r.payload FROM unnest($1::bigint[], $2::jsonb[]) AS r(sequence, payload) WHERE e.sequence = r.sequence",
            ct, PostgresValues.Array(sequences.ToArray(), NpgsqlDbType.Bigint), PostgresValues.Array(payloads.ToArray(), NpgsqlDbType.Jsonb)).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(PostgresWrite write, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, write.Connection, write.Transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
