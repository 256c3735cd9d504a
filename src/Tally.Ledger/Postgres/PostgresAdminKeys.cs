using Tally.Ledger.Judging;

namespace Tally.Ledger.Postgres;

/// <summary>Admins' Idempotency-Keys, read and kept inside the write they guard.</summary>
internal static class PostgresAdminKeys
{
    /// <summary>
    /// Takes the key's lock for the rest of the transaction, then reads it: a concurrent request with the same key waits
    /// and then finds this one's answer, rather than both changing the ledger.
    /// </summary>
    public static async Task<StoredAdminKey?> LockAndFindAsync(PostgresWrite write, string actor, string key, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("SELECT pg_advisory_xact_lock(hashtextextended($1 || '|' || $2, 0))",
            PostgresValues.Text(actor), PostgresValues.Text(key)));
        batch.BatchCommands.Add(PostgresValues.Command("SELECT fingerprint, answer::text FROM admin_idempotency_keys WHERE actor = $1 AND key = $2",
            PostgresValues.Text(actor), PostgresValues.Text(key)));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? new StoredAdminKey(reader.GetString(0), reader.GetString(1)) : null;
    }

    public static Npgsql.NpgsqlBatchCommand Keep(string actor, string key, string fingerprint, string answer, DateTimeOffset at) =>
        PostgresValues.Command("""
            INSERT INTO admin_idempotency_keys (actor, key, fingerprint, answer, at) VALUES ($1, $2, $3, $4::jsonb, $5)
            """,
            PostgresValues.Text(actor),
            PostgresValues.Text(key),
            PostgresValues.Text(fingerprint),
            PostgresValues.Text(answer),
            PostgresValues.Instant(at));
}
