using System.Data;
using System.Runtime.CompilerServices;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresVoteExport(PostgresLedgerDatabase database) : IVoteExport
{
    /// <remarks>
    /// REPEATABLE READ, so every row comes from one snapshot however long the caller takes; read through a cursor a page
    /// at a time, so neither the client nor the server holds the whole poll at once. The poll's VoteCast events come in
    /// order through events_by_poll, each joined to its row.
    /// </remarks>
    public async IAsyncEnumerable<ExportedVote> ReadVotesAsync(Guid pollId, [EnumeratorCancellation] CancellationToken ct)
    {
        const int Page = 5000;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        await using (var declare = connection.CreateCommand())
        {
            declare.Transaction = transaction;
            declare.CommandText = """
                DECLARE export_votes NO SCROLL CURSOR FOR
                SELECT e.sequence, v.vote_id, v.voter_id, v.option_id, v.region, v.timestamp, v.ip_address, v.user_agent,
                       v.is_retracted, v.retracted_at, v.retracted_by, v.retraction_reason
                FROM events e JOIN vote_records v ON v.vote_id = (e.payload->>'vote_id')::uuid
                WHERE e.poll_id = $1 AND e.type = 'VoteCast'
                ORDER BY e.sequence
                """;
            declare.Parameters.Add(PostgresValues.Uuid(pollId));
            await declare.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using var fetch = connection.CreateCommand();
        fetch.Transaction = transaction;
        fetch.CommandText = $"FETCH FORWARD {Page} FROM export_votes";
        int read;
        do
        {
            read = 0;
            await using var reader = await fetch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                read++;
                yield return new ExportedVote(
                    reader.GetInt64(0),
                    reader.GetGuid(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    PostgresValues.TextOrNull(reader, 4),
                    PostgresValues.Time(reader.GetInt64(5)),
                    PostgresValues.TextOrNull(reader, 6),
                    PostgresValues.TextOrNull(reader, 7),
                    reader.GetBoolean(8),
                    PostgresValues.TimeOrNull(reader, 9),
                    PostgresValues.TextOrNull(reader, 10),
                    PostgresValues.TextOrNull(reader, 11));
            }
        }
        while (read == Page);
    }
}
