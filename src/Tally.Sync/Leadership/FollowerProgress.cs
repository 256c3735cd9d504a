using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;
using Tally.Views.Progress;

namespace Tally.Sync.Leadership;

/// <summary>
/// On a node that does not lead, moves <see cref="ViewProgress"/> and <see cref="SyncLag"/> along with what the leader
/// applied to the shared views, so "read your vote" works on every node. Re-reads the checkpoint when a change
/// announcement arrives and on a short timer, since not every applied chunk is announced (only results changes are).
/// </summary>
public sealed class FollowerProgress(
    IAppliedCheckpoint applied,
    ProjectorLeadership leadership,
    ViewProgress progress,
    ViewsState state,
    SyncLag lag,
    IEventLog log,
    LedgerCommits commits,
    TimeProvider clock,
    IOptions<LeadershipOptions> options,
    ILogger<FollowerProgress> logger) : BackgroundService
{
    private readonly LeadershipOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var nextHeadRead = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                var announced = applied.NextAnnouncement;
                try
                {
                    if (!leadership.IsLeader)
                    {
                        await FollowAsync(stoppingToken).ConfigureAwait(false);
                        if (clock.GetUtcNow() >= nextHeadRead)
                        {
                            lag.SawLedgerAt(await log.ReadHighWaterMarkAsync(stoppingToken).ConfigureAwait(false));
                            nextHeadRead = clock.GetUtcNow() + _options.LedgerHeadInterval;
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.FollowFailed(ex, _options.FollowInterval);
                }
                await Task.WhenAny(announced, Task.Delay(_options.FollowInterval, stoppingToken)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        var sequence = await applied.ReadAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        lag.SawLedgerAt(Math.Max(sequence, commits.LastSequence));
        // Checked again after the read: a node that became leader meanwhile advances progress itself, with event times.
        if (leadership.IsLeader)
        {
            return;
        }
        if (sequence < progress.AppliedSequence)
        {
            // The leader started the views over (a flushed store, another ledger state): until they are back where this
            // node saw them, they hold only part of the log.
            state.StartRebuild("the leading node is rebuilding the shared views", progress.AppliedSequence);
            progress.Rewind(sequence);
        }
        else if (sequence > progress.AppliedSequence)
        {
            // Only the leader knows the applied event's commit time; a follower knows when it saw it applied.
            progress.Advance(sequence, clock.GetUtcNow());
        }
        state.Reached(sequence);
    }
}
