using Npgsql;
using NpgsqlTypes;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresRecountStore(PostgresLedgerDatabase database) : IRecountStore
{
    public async Task<long> CountAsync(Guid pollId, RecountSlice slice, RecountCount count, CancellationToken ct)
    {
        await using var snapshot = await PostgresSnapshot.OpenAsync(database, ct).ConfigureAwait(false);
        // Sorted by the text form under "C": the order SQLite gives its lower-case text ids, whatever the database's collation.
        await using var command = snapshot.Command("""
            SELECT vote_id, option_id, region FROM vote_records
            WHERE poll_id = $1 AND NOT is_retracted
              AND ($2::text IS NULL OR region = $2)
              AND ($3::bigint IS NULL OR timestamp >= $3)
              AND ($4::bigint IS NULL OR timestamp < $4)
            ORDER BY vote_id::text COLLATE "C"
            """);
        command.Parameters.Add(PostgresValues.Uuid(pollId));
        command.Parameters.Add(PostgresValues.NullableText(slice.Region));
        command.Parameters.Add(PostgresValues.NullableInstant(slice.From));
        command.Parameters.Add(PostgresValues.NullableInstant(slice.To));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            count.Add(reader.GetGuid(0), reader.GetInt32(1), PostgresValues.TextOrNull(reader, 2));
        }
        return snapshot.Sequence;
    }

    public Task KeepAsync(RecountReport report, CancellationToken ct) => database.WriteAsync(async write =>
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("""
            INSERT INTO recounts (recount_id, poll_id, requested_by, requested_at, sequence, report)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            PostgresValues.Uuid(report.RecountId),
            PostgresValues.Uuid(report.PollId),
            PostgresValues.Text(report.RequestedBy),
            PostgresValues.Instant(report.RequestedAt),
            PostgresValues.Bigint(report.Ledger.Sequence),
            new NpgsqlParameter<string> { TypedValue = report.ToJson(), NpgsqlDbType = NpgsqlDbType.Jsonb }));
        batch.BatchCommands.Add(PostgresAudit.Insert(report.RequestedAt, report.RequestedBy, "recount", report.PollId,
            detail: report.RecountId.ToString()));
        await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }, ct);

    public async Task<RecountReport?> FindAsync(Guid pollId, Guid recountId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("SELECT report::text FROM recounts WHERE recount_id = $1 AND poll_id = $2");
        command.Parameters.Add(PostgresValues.Uuid(recountId));
        command.Parameters.Add(PostgresValues.Uuid(pollId));
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json ? RecountReport.FromJson(json) : null;
    }
}
