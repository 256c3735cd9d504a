using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.Stores;

namespace Tally.Ledger.GroupCommit;

/// <summary>
/// Group commit: concurrent votes queue here and are written in shared transactions, so one fsync serves many voters.
/// Each caller's task completes when its own batch has committed.
/// </summary>
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<PendingVote>(_options.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await FillAsync(reader, batch, stoppingToken).ConfigureAwait(false);
                await CommitAsync(batch).ConfigureAwait(false);
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
                    await CommitAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task FillAsync(ChannelReader<PendingVote> reader, List<PendingVote> batch, CancellationToken ct)
    {
        while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var vote))
        {
            batch.Add(vote);
        }
        if (batch.Count >= _options.MaxBatchSize || _options.MaxDelay <= TimeSpan.Zero)
        {
            return;
        }
        // Linger briefly for stragglers: under load this fills batches; when idle it costs at most MaxDelay.
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linger.CancelAfter(_options.MaxDelay);
        try
        {
            while (batch.Count < _options.MaxBatchSize && await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
            {
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var vote))
                {
                    batch.Add(vote);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    private async Task CommitAsync(List<PendingVote> batch)
    {
        try
        {
            await store.CommitBatchAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A batch of {Count} votes failed to commit", batch.Count);
            foreach (var vote in batch)
            {
                vote.Fail(new LedgerUnavailableException("The vote could not be committed.", ex));
            }
        }
    }
}
