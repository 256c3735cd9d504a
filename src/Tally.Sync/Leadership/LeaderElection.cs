using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.Leadership;
using Tally.Views;

namespace Tally.Sync.Leadership;

/// <summary>
/// Elects the projector leader among every node of one shared ledger with the ledger's <see cref="IProjectorLock"/>,
/// held on a session of its own, so the lock lives exactly as long as that session: when the leader dies, the ledger
/// ends its session, releases the lock, and another node's next try wins. A winner takes a new epoch from the ledger
/// (never from the views, which may lose it) and advances the views' fence with it first.
/// </summary>
public sealed class LeaderElection(
    IProjectorLock projectorLock,
    ProjectorLeadership leadership,
    IProjectionFence fence,
    IOptions<LeadershipOptions> options,
    ILogger<LeaderElection> logger) : BackgroundService
{
    private readonly LeadershipOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until this node wins, nothing it applies may land.
        fence.Revoke();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ContendAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.ElectionFailed(ex, _options.TryInterval);
                await Task.Delay(_options.TryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One session: try the lock until it is ours, then lead until the session or the term ends. Disposing the session releases the lock.</summary>
    private async Task ContendAsync(CancellationToken ct)
    {
        await using var session = await projectorLock.OpenSessionAsync(ct).ConfigureAwait(false);
        while (!await session.TryAcquireAsync(_options.LockKey, ct).ConfigureAwait(false))
        {
            await Task.Delay(_options.TryInterval, ct).ConfigureAwait(false);
        }
        LeaderTerm? term = null;
        // The session is one connection: the daemon's epoch question and the liveness checks take turns on it.
        using var turns = new SemaphoreSlim(1, 1);
        try
        {
            var epoch = await session.NextEpochAsync(await fence.HighestEpochAsync().ConfigureAwait(false), ct).ConfigureAwait(false);
            await fence.AdvanceAsync(epoch).ConfigureAwait(false);
            term = leadership.Begin(epoch, async askCt =>
            {
                await turns.WaitAsync(askCt).ConfigureAwait(false);
                try
                {
                    return await session.LatestEpochAsync(askCt).ConfigureAwait(false);
                }
                finally
                {
                    turns.Release();
                }
            });
            logger.ElectionWon(epoch, session.Holder);
            var fenced = leadership.FencedAsync(term);
            while (true)
            {
                await Task.WhenAny(fenced, Task.Delay(_options.CheckInterval, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (fenced.IsCompleted)
                {
                    logger.ElectionSuperseded(epoch);
                    return;
                }
                await turns.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await session.CheckAliveAsync(_options.CheckTimeout, ct).ConfigureAwait(false);
                }
                finally
                {
                    turns.Release();
                }
            }
        }
        finally
        {
            // Stop applying before the lock can go to anyone else: the session is disposed only after this.
            fence.Revoke();
            if (term is not null)
            {
                leadership.End(term);
                logger.ElectionLost();
            }
        }
    }
}
