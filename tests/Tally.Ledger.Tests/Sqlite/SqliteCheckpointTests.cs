using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Sqlite;

namespace Tally.Ledger.Tests.Sqlite;

/// <summary>The WAL is copied into the database file off the writer's thread and started over, so it stays bounded under load.</summary>
public sealed class SqliteCheckpointTests
{
    private const int Commits = 5000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnderCommitsWithoutPauseAndAReaderTheWalIsStartedOverAndStaysSmall()
    {
        // The same commits, once with a threshold far above what they write: the WAL is never started over.
        var (unbounded, none) = await LargestWalAsync(checkpointWalMiB: 4096);
        var (bounded, complete) = await LargestWalAsync(checkpointWalMiB: 1);

        Assert.Equal(0, none);
        Assert.True(complete >= 3, $"{complete} complete checkpoints");
        Assert.True(bounded * 3 < unbounded, $"the WAL grew to {bounded / 1024} KiB, {unbounded / 1024} KiB without checkpoints");
        // However slow the disk, commits wait for the checkpoint at the ceiling: past it by at most one retry's step.
        var ceiling = (SqliteCheckpoints.CeilingInThresholds + 1) * 1024L * 1024;
        Assert.True(bounded <= ceiling, $"the WAL grew to {bounded / 1024} KiB, past {ceiling / 1024} KiB");
    }

    /// <returns>The largest the WAL file grew to and how many checkpoints started it over.</returns>
    private static async Task<(long Bytes, long Checkpoints)> LargestWalAsync(int checkpointWalMiB)
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "ledger.db");
        using var database = new SqliteLedgerDatabase(file, new SqliteLedgerOptions { CheckpointWalMiB = checkpointWalMiB }, new LedgerCommits());
        var appender = new SqliteEventAppender(database);
        var log = new SqliteEventLog(database);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Reads along behind the writer, as the projector does, each read holding a snapshot of the WAL.
        var reading = Task.Run(async () =>
        {
            var after = 0L;
            while (!stop.IsCancellationRequested)
            {
                if (await log.ReadAfterAsync(after, 200, Ct) is { Count: > 0 } read)
                {
                    after = read[^1].Sequence;
                }
            }
            return after;
        }, Ct);

        var largest = 0L;
        var durable = Task.CompletedTask;
        // Each commit writes two pages or more (the log and its poll index), about 20 MiB in all.
        for (var i = 0; i < Commits; i++)
        {
            var at = DateTimeOffset.UtcNow;
            durable = database.CommitDurableLater(transaction =>
                appender.Append(transaction, new PollClosed(Guid.CreateVersion7(), "owner", at), at)).Durable;
            if (i % 25 == 0)
            {
                largest = Math.Max(largest, new FileInfo(file + "-wal").Length);
            }
        }
        await durable.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await stop.CancelAsync();
        Assert.True(await reading.WaitAsync(TimeSpan.FromSeconds(60), Ct) > 0);
        Assert.Equal(Commits, await log.ReadHighWaterMarkAsync(Ct));
        return (Math.Max(largest, new FileInfo(file + "-wal").Length), database.Checkpoints.Completed);
    }
}
