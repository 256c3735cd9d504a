using System.Data;
using Npgsql;
using NpgsqlTypes;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresLiveVoteCounts(PostgresLedgerDatabase database) : ILiveVoteCounts
{
    private const string CountSql = """
        SELECT poll_id, option_id, region, count(*) FROM vote_records
        WHERE NOT is_retracted AND poll_id = ANY($1)
        GROUP BY poll_id, option_id, region
        """;

    private const string CountOpenSql = """
        SELECT poll_id, option_id, region, count(*) FROM vote_records
        WHERE NOT is_retracted AND poll_id IN (SELECT poll_id FROM polls WHERE closed_at IS NULL)
        GROUP BY poll_id, option_id, region
        """;

    public async Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // One snapshot for the head and the votes: REPEATABLE READ takes it at the first statement and keeps it. The head
        // is exact for it, gaps included: writers take sequences under event_head's row lock and hold it to COMMIT, so a
        // transaction with higher sequences commits only after every lower one is visible, and a snapshot holding
        // event_head = S holds every event up to S and none above (PostgresEventAppender).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        long sequence;
        await using (var head = new NpgsqlCommand(PostgresEventAppender.ReadHeadSql, connection, transaction))
        {
            sequence = (long)(await head.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }
        await using var command = new NpgsqlCommand(pollIds is null ? CountOpenSql : CountSql, connection, transaction);
        if (pollIds is not null)
        {
            command.Parameters.Add(PostgresValues.Array(pollIds.ToArray(), NpgsqlDbType.Uuid));
        }
        var counts = new List<LiveVotes>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            counts.Add(new LiveVotes(reader.GetGuid(0), reader.GetInt32(1), PostgresValues.TextOrNull(reader, 2), reader.GetInt64(3)));
        }
        return new LedgerCut(sequence, counts);
    }
}
