using Microsoft.Data.Sqlite;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteLiveVoteCounts(SqliteLedgerDatabase database) : ILiveVoteCounts
{
    public async Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct)
    {
        var cut = Count(pollIds, ct);
        // The snapshot may hold commits not yet on disk; the cut is given out only once they are, so the events up to it
        // can be read (the log's reads stop at the durable head) and none of them can be taken back by a power cut.
        while (database.DurableSequence < cut.Sequence)
        {
            await database.Commits.WaitForCommitAfterAsync(cut.Sequence - 1, TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        return cut;
    }

    private LedgerCut Count(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct)
    {
        using var snapshot = new SqliteSnapshot(database);
        var polls = pollIds?.ToArray() ?? ReadOpenPolls(snapshot);
        // Poll by poll, each through the live-vote index (poll_id, voter_id) WHERE is_retracted = 0.
        using var command = snapshot.Command(
            "SELECT option_id, region, count(*) FROM vote_records WHERE poll_id = $poll AND is_retracted = 0 GROUP BY option_id, region");
        var poll = command.Parameters.Add("$poll", SqliteType.Text);
        var counts = new List<LiveVotes>();
        foreach (var pollId in polls)
        {
            ct.ThrowIfCancellationRequested();
            poll.Value = pollId.ToString();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts.Add(new LiveVotes(pollId, reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
            }
        }
        return new LedgerCut(snapshot.Sequence, polls, counts);
    }

    private static Guid[] ReadOpenPolls(SqliteSnapshot snapshot)
    {
        using var command = snapshot.Command(OpenPolls.Sql);
        var polls = new List<Guid>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            polls.Add(Guid.Parse(reader.GetString(0)));
        }
        return [.. polls];
    }
}
