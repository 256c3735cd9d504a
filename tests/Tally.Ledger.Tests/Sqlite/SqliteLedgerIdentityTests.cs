using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Sqlite;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The embedded ledger's identity lives in its file: a copy of the file is the same ledger, a new file another.</summary>
public sealed class SqliteLedgerIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACopyOfTheLedgerFileKeepsItsIdAndANewFileHasAnother()
    {
        using var folder = new TempFolder();
        var original = Path.Combine(folder.Path, "original", "ledger.db");
        Guid id;
        using (var database = Open(original))
        {
            id = await new SqliteEventLog(database).ReadLedgerIdAsync(Ct);
            var appender = new SqliteEventAppender(database);
            await database.WriteAsync(transaction =>
                appender.Append(transaction, new PollClosed(Guid.CreateVersion7(), "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow), Ct);
        }
        var copy = Path.Combine(folder.Path, "restored", "ledger.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        // Closing the last connection checkpointed the WAL into the file; copy whatever is left of it all the same.
        foreach (var suffix in new[] { "", "-wal" }.Where(s => File.Exists(original + s)))
        {
            File.Copy(original + suffix, copy + suffix);
        }

        using (var restored = Open(copy))
        {
            Assert.Equal(id, await new SqliteEventLog(restored).ReadLedgerIdAsync(Ct));
            Assert.Single(await new SqliteEventLog(restored).ReadAfterAsync(0, 10, Ct));
        }
        using (var reopened = Open(original))
        {
            Assert.Equal(id, await new SqliteEventLog(reopened).ReadLedgerIdAsync(Ct));
        }
        using var fresh = Open(Path.Combine(folder.Path, "fresh", "ledger.db"));
        Assert.NotEqual(id, await new SqliteEventLog(fresh).ReadLedgerIdAsync(Ct));
    }

    private static SqliteLedgerDatabase Open(string file) => new(file, "FULL", TimeSpan.FromSeconds(5), new LedgerCommits());
}
