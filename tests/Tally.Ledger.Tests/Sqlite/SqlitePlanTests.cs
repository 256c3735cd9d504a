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
        using var folder = new TempFolder();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "NORMAL", TimeSpan.FromSeconds(5), new LedgerCommits());
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {SqliteEventLog.ReadPollSql}";
        foreach (var name in new[] { "$poll", "$after", "$upTo", "$durable", "$max" })
        {
            command.Parameters.AddWithValue(name, name == "$poll" ? Guid.CreateVersion7().ToString() : 1);
        }
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH events USING INDEX events_by_poll (poll_id=?", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public void TheExportWalksThePollsEventsInOrderAndFindsEachVoteByItsKey()
    {
        using var folder = new TempFolder();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "NORMAL", TimeSpan.FromSeconds(5), new LedgerCommits());
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {SqliteVoteExport.ReadSql}";
        command.Parameters.AddWithValue("$poll", Guid.CreateVersion7().ToString());
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING INDEX events_by_poll (poll_id=?", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH v USING INDEX sqlite_autoindex_vote_records_1 (vote_id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
