using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.Stores;

namespace Tally.Ledger.GroupCommit;

/// <summary>
/// Group commit: concurrent votes queue here and are written in shared transactions, so one fsync serves many voters.
/// Each caller's task completes when its own batch is durable.
/// </summary>
/// <remarks>
/// The loop runs on its own thread, not the thread pool: under load the pool's queue is long with request work, and a
/// writer that waits its turn there leaves votes idling in this queue while the disk sits unused.
/// </remarks>
public sealed class VoteBatcher(IVoteStore store, IOptions<GroupCommitOptions> options, ILogger<VoteBatcher> logger) : BackgroundService
{
    private readonly GroupCommitOptions _options = options.Value;
    private readonly Channel<PendingVote> _queue = Channel.CreateBounded<PendingVote>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async ValueTask EnqueueAsync(PendingVote vote, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(vote, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new LedgerUnavailableException("The ledger is shutting down.");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.SetResult();
            }
            catch (Exception ex)
            {
                stopped.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "tally-group-commit",
        };
        thread.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<PendingVote>(_options.MaxBatchSize);
        try
        {
            while (WaitForVotes(reader, Timeout.InfiniteTimeSpan, stoppingToken))
            {
                Fill(reader, batch, stoppingToken);
                Commit(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Votes still queued at shutdown are committed, not dropped: their callers are waiting for an answer.
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var vote))
            {
                batch.Add(vote);
                if (batch.Count == _options.MaxBatchSize)
                {
                    Commit(batch);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                Commit(batch);
            }
        }
    }

    private void Fill(ChannelReader<PendingVote> reader, List<PendingVote> batch, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.MaxDelay;
        while (true)
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var vote))
            {
                batch.Add(vote);
            }
            var left = deadline - DateTime.UtcNow;
            // Linger (when configured) for stragglers: under load that fills batches; when idle it costs at most MaxDelay.
            if (batch.Count >= _options.MaxBatchSize || left <= TimeSpan.Zero || !WaitForVotes(reader, left, ct))
            {
                return;
            }
        }
    }

    /// <returns>true when votes are waiting; false when the queue is closed or the wait timed out.</returns>
    private static bool WaitForVotes(ChannelReader<PendingVote> reader, TimeSpan timeout, CancellationToken ct)
    {
        var waiting = reader.WaitToReadAsync(ct);
        if (waiting.IsCompleted)
        {
            return waiting.Result;
        }
        var task = waiting.AsTask();
        return task.Wait(timeout, ct) && task.Result;
    }

    private void Commit(List<PendingVote> batch)
    {
        try
        {
            store.CommitBatchAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A batch of {Count} votes failed to commit", batch.Count);
            foreach (var vote in batch)
            {
                vote.Fail(ex);
            }
        }
    }
}
