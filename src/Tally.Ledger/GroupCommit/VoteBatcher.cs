using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.Stores;

namespace Tally.Ledger.GroupCommit;

/// <summary>
/// Group commit: concurrent votes queue here and are written in shared transactions, so one fsync serves many voters.
/// Each caller's task completes when its own batch is durable: the stores only write and say when that is; answering the
/// voters, failing them, and retrying a refused batch vote by vote happen here, once for every ledger.
/// </summary>
/// <remarks>
/// The loop runs on its own thread, not the thread pool: under load the pool's queue is long with request work, and a
/// writer that waits its turn there leaves votes idling in this queue while the disk sits unused.
/// </remarks>
public sealed class VoteBatcher(IVoteStore store, IOptions<GroupCommitOptions> options, LedgerMetrics metrics, ILogger<VoteBatcher> logger)
    : BackgroundService
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

    /// <summary>
    /// Writes <paramref name="batch"/> in one transaction (on the caller's thread) and answers each vote once its commit is
    /// durable. Also for a batch formed elsewhere, in a transaction of its own beside the loop's.
    /// </summary>
    internal void Commit(IReadOnlyList<PendingVote> batch)
    {
        // The loop reuses its list for the next batch while this one waits for the disk.
        var votes = batch.ToArray();
        var started = Stopwatch.GetTimestamp();
        metrics.BatchFormed(votes.Length);
        try
        {
            _ = AnswerWhenDurableAsync(store.WriteBatch(votes), votes, started);
        }
        catch (VoteBatchRefusedException refused)
        {
            // Retrying one by one also lets a vote whose key another node committed meanwhile read that commit. Any other
            // failure (a full disk, the database away) would fail each vote again: the batch fails as a whole, at once.
            logger.BatchRefused(refused.InnerException!, votes.Length);
            CommitOneByOne(votes, started);
        }
        catch (Exception ex)
        {
            logger.BatchFailed(ex, votes.Length);
            foreach (var vote in votes)
            {
                vote.Fail(ex);
            }
        }
    }

    private void CommitOneByOne(PendingVote[] votes, long started)
    {
        for (var i = 0; i < votes.Length; i++)
        {
            PendingVote[] one = [votes[i]];
            try
            {
                _ = AnswerWhenDurableAsync(store.WriteBatch(one), one, started);
            }
            catch (VoteBatchRefusedException refused)
            {
                votes[i].Fail(refused.InnerException!);
            }
            catch (Exception failed)
            {
                logger.BatchFailed(failed, votes.Length - i);
                PendingVote.FailFrom(votes.AsSpan(i), failed);
                return;
            }
        }
    }

    /// <summary>Only once the commit is durable does anyone hear back.</summary>
    private async Task AnswerWhenDurableAsync(CommittedDurableLater<Outcome<VoteReceipt>[]> written, PendingVote[] votes, long started)
    {
        try
        {
            await written.Durable.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.NotDurable(ex, votes.Length);
            foreach (var vote in votes)
            {
                vote.Fail(ex);
            }
            return;
        }
        var outcomes = written.Result;
        metrics.Answered(outcomes, Stopwatch.GetElapsedTime(started));
        for (var i = 0; i < votes.Length; i++)
        {
            votes[i].Complete(outcomes[i]);
        }
    }
}
