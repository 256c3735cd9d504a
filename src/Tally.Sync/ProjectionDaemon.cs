using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;
using Tally.Views;
using Tally.Sync.Leadership;
using Tally.Views.Progress;

namespace Tally.Sync;

/// <summary>
/// The bridge from ledger to views: tails the event log by sequence and applies each event to every projection exactly once.
/// It starts from the lowest projection checkpoint (zero for views that start empty, which is a rebuild from the log)
/// and each projection skips what it already has. It runs only while this node leads (<see cref="ProjectorLeadership"/>):
/// when the term is lost, or an apply is fenced because another node leads, it stops at once and waits for the next term.
/// </summary>
public sealed class ProjectionDaemon(
    IEventLog log,
    LedgerCommits commits,
    IEnumerable<IProjection> projections,
    ViewProgress progress,
    SyncLag lag,
    SyncMetrics metrics,
    ProjectorLeadership leadership,
    IOptions<SyncOptions> options,
    ILogger<ProjectionDaemon> logger) : BackgroundService
{
    private readonly IProjection[] _projections = projections.ToArray();
    private readonly SyncOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LeaderTerm term;
            try
            {
                term = await leadership.WaitForTermAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            logger.DaemonLeads(term.Epoch);
            await LeadAsync(term, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies until the term ends or the node stops.</summary>
    private async Task LeadAsync(LeaderTerm term, CancellationToken stoppingToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Lost);
        var ct = leading.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ProjectionFencedException ex)
            {
                // Someone else bumped the epoch, so someone else leads: applying on would be refused chunk by chunk anyway.
                logger.DaemonFenced(ex, progress.AppliedSequence);
                leadership.ReportFenced(term);
                break;
            }
            catch (Exception ex)
            {
                logger.DaemonFailed(ex, progress.AppliedSequence);
                try
                {
                    await Task.Delay(_options.RetryDelay, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        if (!stoppingToken.IsCancellationRequested)
        {
            logger.DaemonTermOver(term.Epoch);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        // The head first: only this daemon moves checkpoints, so a checkpoint read afterwards that is above it was not
        // made from this ledger's events.
        var head = await log.ReadHighWaterMarkAsync(ct).ConfigureAwait(false);
        lag.SawLedgerAt(head);
        var position = long.MaxValue;
        foreach (var projection in _projections)
        {
            var checkpoint = await projection.ReadCheckpointAsync(ct).ConfigureAwait(false);
            if (checkpoint > head)
            {
                // A restored ledger file or a power cut took events these views hold, and their sequences will be
                // handed out again: the views must go, or the new events would be skipped as already applied.
                logger.CheckpointAboveLedgerHead(projection.Name, checkpoint, head);
                progress.Rewind(0);
                await projection.ForgetAsync(ct).ConfigureAwait(false);
                checkpoint = 0;
            }
            position = Math.Min(position, checkpoint);
        }
        if (position == long.MaxValue)
        {
            position = 0;
        }
        // Views that outlive the process (Redis) already hold everything up to their checkpoints: readers waiting on
        // those sequences need not wait for new events.
        if (position > progress.AppliedSequence)
        {
            progress.Advance(position, DateTimeOffset.UtcNow);
        }
        logger.DaemonResumes(position, head);

        while (!ct.IsCancellationRequested)
        {
            var events = await log.ReadAfterAsync(position, _options.BatchSize, ct).ConfigureAwait(false);
            if (events.Count == 0)
            {
                // Caught up: sleep until this process commits, or poll slowly for writers elsewhere.
                await commits.WaitForCommitAfterAsync(position, _options.IdlePollInterval, ct).ConfigureAwait(false);
                lag.SawLedgerAt(commits.LastSequence);
                continue;
            }
            var last = events[^1];
            lag.SawLedgerAt(Math.Max(last.Sequence, commits.LastSequence));
            lag.Reading(events[0].RecordedAt);
            foreach (var projection in _projections)
            {
                await projection.ApplyAsync(events, ct).ConfigureAwait(false);
            }
            position = last.Sequence;
            progress.Advance(position, last.RecordedAt);
            lag.Applied(last.RecordedAt);
            metrics.Applied(events.Count);
        }
    }
}
