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


    public async Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct)
    {
        // The snapshot's head is exact, gaps included: see PostgresSnapshot.
        await using var snapshot = await PostgresSnapshot.OpenAsync(database, ct).ConfigureAwait(false);
        var polls = pollIds?.ToArray() ?? await ReadOpenPollsAsync(snapshot, ct).ConfigureAwait(false);
        await using var command = snapshot.Command(CountSql);
        command.Parameters.Add(PostgresValues.Array(polls, NpgsqlDbType.Uuid));
        var counts = new List<LiveVotes>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            counts.Add(new LiveVotes(reader.GetGuid(0), reader.GetInt32(1), PostgresValues.TextOrNull(reader, 2), reader.GetInt64(3)));
        }
        return new LedgerCut(snapshot.Sequence, polls, counts);
    }

    private static async Task<Guid[]> ReadOpenPollsAsync(PostgresSnapshot snapshot, CancellationToken ct)
    {
        await using var command = snapshot.Command(OpenPolls.Sql);
        var polls = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            polls.Add(reader.GetGuid(0));
        }
        return [.. polls];
    }
}
