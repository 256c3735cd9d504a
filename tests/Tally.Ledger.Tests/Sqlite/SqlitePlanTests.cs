using Microsoft.Data.Sqlite;
using Tally.Ledger.EventLog;
using Tally.Ledger.Sqlite;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The embedded ledger's reads that must not walk a whole table.</summary>
public sealed class SqlitePlanTests
{
    [Fact]
    public void ReadingOnePollSearchesThePollIndexInSequenceOrder()
    {
        var plan = Plan(SqliteEventLog.ReadPollSql,
            ("$poll", Guid.CreateVersion7().ToString()), ("$after", 1), ("$upTo", 1), ("$durable", 1), ("$max", 1));

        Assert.Contains(plan, step => step.StartsWith("SEARCH events USING INDEX events_by_poll (poll_id=?", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public void TheExportWalksThePollsEventsInOrderAndFindsEachVoteByItsKey()
    {
        var plan = Plan(SqliteVoteExport.ReadSql, ("$poll", Guid.CreateVersion7().ToString()));

        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING INDEX events_by_poll (poll_id=?", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH v USING INDEX sqlite_autoindex_vote_records_1 (vote_id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <returns>The steps of SQLite's plan for <paramref name="sql"/> on a fresh ledger.</returns>
    private static List<string> Plan(string sql, params (string Name, object Value)[] parameters)
    {
        using var folder = new TempFolder();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "NORMAL", TimeSpan.FromSeconds(5), new LedgerCommits());
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {sql}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }
        return plan;
    }
}
