using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Sqlite;

namespace Tally.Ledger.Tests.EventLog;

/// <summary>The embedded ledger hands its events over only once the WAL holding them is on disk, and never a rolled-back one.</summary>
public sealed class SqliteHandoffTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEventCommittedButNotYetSyncedIsNotHandedOver()
    {
        using var folder = new TempFolder();
        // Declared before the ledger so it outlives it: disposing the ledger waits for the held sync thread.
        using var release = new ManualResetEventSlim(false);
        var commits = new LedgerCommits();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "FULL", TimeSpan.FromSeconds(5), commits);
        var appender = new SqliteEventAppender(database);
        commits.Handoff.KeepUpTo(16);
        database.WalSync!.BeforeSync = () => release.Wait(TimeSpan.FromSeconds(30));

        var pollId = Guid.CreateVersion7();
        var committed = database.CommitDurableLater(transaction =>
            appender.Append(transaction, new PollClosed(pollId, "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));

        Assert.False(committed.Durable.IsCompleted);
        Assert.Empty(commits.Handoff.TakeAfter(0, 100));

        release.Set();
        await committed.Durable.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var handed = Assert.Single(commits.Handoff.TakeAfter(0, 100));
        Assert.Equal(1, handed.Sequence);
        Assert.Equal(pollId, handed.Event.PollId);
    }

    [Fact]
    public async Task ARolledBackTransactionHandsNothingOverAndItsSequenceGoesToTheNextOne()
    {
        using var folder = new TempFolder();
        var commits = new LedgerCommits();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "NORMAL", TimeSpan.FromSeconds(5), commits);
        var appender = new SqliteEventAppender(database);
        commits.Handoff.KeepUpTo(16);
        var refused = Guid.CreateVersion7();
        var kept = Guid.CreateVersion7();

        await Assert.ThrowsAsync<LedgerUnavailableException>(() => database.WriteAsync<long>(transaction =>
        {
            appender.Append(transaction, new PollClosed(refused, "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow);
            throw new InvalidOperationException("refused after appending");
        }, Ct));
        await database.WriteAsync(transaction =>
            appender.Append(transaction, new PollClosed(kept, "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow), Ct);

        var handed = Assert.Single(commits.Handoff.TakeAfter(0, 100));
        Assert.Equal(1, handed.Sequence);
        Assert.Equal(kept, handed.Event.PollId);
    }
}
