using Microsoft.Data.Sqlite;
using Tally.Ledger.Judging;

namespace Tally.Ledger.Sqlite;

/// <summary>Vote rows as admin retractions and reinstatements read them, inside their write.</summary>
internal static class SqliteVoteRows
{
    private const string Columns = "vote_id, voter_id, option_id, region, timestamp, ip_address, is_retracted, retracted_by";

    /// <summary>
    /// The poll's live votes cast in [from, to) (either bound optional) that <paramref name="keep"/> keeps, through the
    /// live-vote index; a poll's million votes are read, not held.
    /// </summary>
    public static List<LedgerVote> ReadLive(SqliteTransaction transaction, Guid pollId, DateTimeOffset? from, DateTimeOffset? to, Func<LedgerVote, bool> keep)
    {
        using var command = Command(transaction, $"""
            SELECT {Columns} FROM vote_records
            WHERE poll_id = $poll AND is_retracted = 0
              AND ($from IS NULL OR timestamp >= $from) AND ($to IS NULL OR timestamp < $to)
            """, pollId);
        command.Parameters.AddWithValue("$from", SqliteValues.TimeOrNull(from));
        command.Parameters.AddWithValue("$to", SqliteValues.TimeOrNull(to));
        return Read(command, keep);
    }

    /// <summary>Those of <paramref name="voteIds"/> that are votes of the poll, live or not.</summary>
    public static List<LedgerVote> ReadByIds(SqliteTransaction transaction, Guid pollId, IEnumerable<Guid> voteIds)
    {
        using var command = Command(transaction, $"SELECT {Columns} FROM vote_records WHERE vote_id = $vote AND poll_id = $poll", pollId);
        var vote = command.Parameters.Add("$vote", SqliteType.Text);
        var rows = new List<LedgerVote>();
        foreach (var id in voteIds.Distinct())
        {
            vote.Value = id.ToString();
            rows.AddRange(Read(command, _ => true));
        }
        return rows;
    }

    /// <summary>Which of <paramref name="voterIds"/> have a live vote in the poll.</summary>
    public static HashSet<string> LiveVoters(SqliteTransaction transaction, Guid pollId, IEnumerable<string> voterIds)
    {
        using var command = Command(transaction, "SELECT 1 FROM vote_records WHERE poll_id = $poll AND voter_id = $voter AND is_retracted = 0", pollId);
        var voter = command.Parameters.Add("$voter", SqliteType.Text);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in voterIds.Distinct())
        {
            voter.Value = id;
            if (command.ExecuteScalar() is not null)
            {
                live.Add(id);
            }
        }
        return live;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, Guid pollId)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        return command;
    }

    private static List<LedgerVote> Read(SqliteCommand command, Func<LedgerVote, bool> keep)
    {
        var rows = new List<LedgerVote>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var vote = new LedgerVote(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                SqliteValues.ReadTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(6) != 0,
                reader.IsDBNull(7) ? null : reader.GetString(7));
            if (keep(vote))
            {
                rows.Add(vote);
            }
        }
        return rows;
    }
}
