using Microsoft.Data.Sqlite;

namespace Tally.Sync.Tests.Support;

/// <summary>The ledger's truth by plain SQL over the vote rows, independent of every store and view.</summary>
public static class LedgerSql
{
    public static Dictionary<int, long> LiveVotesPerOption(SqliteConnection connection, Guid pollId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT option_id, count(*) FROM vote_records
            WHERE poll_id = $poll AND is_retracted = 0
            GROUP BY option_id
            """;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        var counts = new Dictionary<int, long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    public static Dictionary<(string Region, int Option), long> LiveVotesPerRegionAndOption(SqliteConnection connection, Guid pollId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT region, option_id, count(*) FROM vote_records
            WHERE poll_id = $poll AND is_retracted = 0 AND region IS NOT NULL
            GROUP BY region, option_id
            """;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        var counts = new Dictionary<(string, int), long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }
        return counts;
    }
}
