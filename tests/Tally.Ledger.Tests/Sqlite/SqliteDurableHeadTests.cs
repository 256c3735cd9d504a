using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Sqlite;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The projector reads the embedded log only up to the WAL fsync, so views never hold an event a power cut could take back.</summary>
public sealed class SqliteDurableHeadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEventCommittedButNotYetSyncedIsNeitherReadNorAnnounced()
    {
        using var folder = new TempFolder();
        // Declared before the ledger so it outlives it: disposing the ledger waits for the held sync thread.
        using var release = new ManualResetEventSlim(false);
        var commits = new LedgerCommits();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "FULL", TimeSpan.FromSeconds(5), commits);
        var log = new SqliteEventLog(database);
        var appender = new SqliteEventAppender(database);
        database.WalSync!.BeforeSync = () => release.Wait(TimeSpan.FromSeconds(30));

        var pollId = Guid.CreateVersion7();
        var committed = database.CommitDurableLater(transaction =>
            appender.Append(transaction, new PollClosed(pollId, "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));

        Assert.Equal(1, committed.Result);
        Assert.False(committed.Durable.IsCompleted);
        Assert.Empty(await log.ReadAfterAsync(0, 100, Ct));
        Assert.Equal(0, await log.ReadHighWaterMarkAsync(Ct));
        Assert.Equal(0, commits.LastSequence);

        release.Set();
        await committed.Durable.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var read = Assert.Single(await log.ReadAfterAsync(0, 100, Ct));
        Assert.Equal(1, read.Sequence);
        Assert.Equal(pollId, read.Event.PollId);
        Assert.Equal(1, await log.ReadHighWaterMarkAsync(Ct));
        Assert.Equal(1, commits.LastSequence);
    }

    [Fact]
    public async Task AnEventNotYetSyncedIsNotReadByPollOrBySequenceAndLiveCountsWaitForIt()
    {
        using var folder = new TempFolder();
        using var release = new ManualResetEventSlim(false);
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "FULL", TimeSpan.FromSeconds(5), new LedgerCommits());
        var log = new SqliteEventLog(database);
        var counts = new SqliteLiveVoteCounts(database);
        var appender = new SqliteEventAppender(database);
        database.WalSync!.BeforeSync = () => release.Wait(TimeSpan.FromSeconds(30));

        var pollId = Guid.CreateVersion7();
        var committed = database.CommitDurableLater(transaction =>
            appender.Append(transaction, new PollClosed(pollId, "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));
        var counting = counts.CountAsync([pollId], Ct);

        Assert.Empty(await log.ReadPollAsync(pollId, 0, long.MaxValue, 100, Ct));
        Assert.Null(await log.ReadEventAsync(1, Ct));
        // Its snapshot holds the event: the cut is not given out until the log can be read up to it.
        await Assert.ThrowsAsync<TimeoutException>(() => counting.WaitAsync(TimeSpan.FromMilliseconds(300), Ct));

        release.Set();
        await committed.Durable.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(1, (await counting.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Sequence);
        Assert.Equal(1, Assert.Single(await log.ReadPollAsync(pollId, 0, long.MaxValue, 100, Ct)).Sequence);
        Assert.Equal(pollId, (await log.ReadEventAsync(1, Ct))!.Event.PollId);
    }

    [Fact]
    public async Task WithoutTheWalSyncACommitIsTheHead()
    {
        using var folder = new TempFolder();
        using var database = new SqliteLedgerDatabase(Path.Combine(folder.Path, "ledger.db"), "NORMAL", TimeSpan.FromSeconds(5), new LedgerCommits());
        var appender = new SqliteEventAppender(database);
        Assert.Null(database.WalSync);

        var committed = database.CommitDurableLater(transaction =>
            appender.Append(transaction, new PollClosed(Guid.CreateVersion7(), "owner", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));

        Assert.True(committed.Durable.IsCompleted);
        Assert.Equal(1, Assert.Single(await new SqliteEventLog(database).ReadAfterAsync(0, 100, Ct)).Sequence);
    }
}
