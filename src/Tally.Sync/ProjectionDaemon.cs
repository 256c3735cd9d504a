using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;
using Tally.Views;
using Tally.Sync.Leadership;
using Tally.Sync.Ownership;
using Tally.Views.Progress;

namespace Tally.Sync;

/// <summary>
/// The bridge from ledger to views: tails the event log by sequence and applies each event to every projection exactly once.
/// It starts from the lowest projection checkpoint (zero for views that start empty, which is a rebuild from the log)
/// and each projection skips what it already has. Events this process commits reach it in memory once durable
/// (<see cref="CommittedEvents"/>), so it decodes from the log only what it did not see committed here. It runs only
/// while this node leads (<see cref="ProjectorLeadership"/>): when the term is lost, or an apply is fenced because another node leads, it stops at once and waits for the next term.
/// Before it applies it makes sure the views are this ledger's (<see cref="ViewsOwnership"/>); between batches it runs
/// the work that needs the views standing still (<see cref="BetweenBatches"/>).
/// </summary>
public sealed class ProjectionDaemon(
    IEventLog log,
    LedgerCommits commits,
    IEnumerable<IProjection> projections,
    ViewProgress progress,
    ViewsOwnership ownership,
    IViewsStamp stamps,
    ViewsState state,
    BetweenBatches betweenBatches,
    SyncLag lag,
    SyncMetrics metrics,
    ProjectorLeadership leadership,
    IOptions<SyncOptions> options,
    ILogger<ProjectionDaemon> logger) : BackgroundService
{
    private readonly IProjection[] _projections = projections.ToArray();
    private readonly SyncOptions _options = options.Value;

    // Set when a write found the views' generation gone; the next run then starts them over whatever the stamp says.
    private bool _lost;

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
        // Only the leading daemon takes the events this process commits; otherwise nobody would, and the ring would hold them.
        commits.Handoff.KeepUpTo(_options.HandoffCapacity);
        try
        {
            await ApplyWhileLeadingAsync(term, ct).ConfigureAwait(false);
        }
        finally
        {
            commits.Handoff.KeepUpTo(0);
        }
        if (!stoppingToken.IsCancellationRequested)
        {
            logger.DaemonTermOver(term.Epoch);
        }
    }

    private async Task ApplyWhileLeadingAsync(LeaderTerm term, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunAsync(term, ct).ConfigureAwait(false);
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
            catch (ViewsLostException ex)
            {
                logger.ViewsLost(ex, progress.AppliedSequence);
                _lost = true;
                continue;
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
    }

    private async Task RunAsync(LeaderTerm term, CancellationToken ct)
    {
        var head = await log.ReadHighWaterMarkAsync(ct).ConfigureAwait(false);
        lag.LedgerHeadIs(head);
        var (stamp, position) = await ownership.EnsureAsync(head, term, _lost, ct).ConfigureAwait(false);
        _lost = false;
        // Views that outlive the process (Redis, a snapshot) already hold everything up to their checkpoints: readers
        // waiting on those sequences need not wait for new events.
        if (position > progress.AppliedSequence)
        {
            progress.Advance(position, DateTimeOffset.UtcNow);
        }
        Reached(position);
        logger.DaemonResumes(position, head);

        // The log is read at the start and after every idle poll, whatever the commits said: a writer elsewhere may not have.
        var pollLog = true;
        while (!ct.IsCancellationRequested)
        {
            if (betweenBatches.TakeViewsLost())
            {
                throw new ViewsLostException("Reconciliation found the views' stamp gone from their store.");
            }
            await betweenBatches.RunWaitingAsync(position, ct).ConfigureAwait(false);
            // This process's commits come in memory as they become durable; anything not right after the checkpoint
            // there (another node's commits, a run the ring lost) is read from the log, which is also all SQLite may read.
            var events = commits.Handoff.TakeAfter(position, _options.BatchSize);
            var handedOver = events.Count > 0;
            if (!handedOver && (pollLog || commits.LastSequence > position))
            {
                events = await log.ReadAfterAsync(position, _options.BatchSize, ct).ConfigureAwait(false);
            }
            if (events.Count == 0)
            {
                // Caught up: sleep until this process commits or work waits, or poll slowly for writers elsewhere.
                var committed = commits.WaitForCommitAfterAsync(position, _options.IdlePollInterval, ct);
                await Task.WhenAny(committed, betweenBatches.WorkWaitingAsync(ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                pollLog = committed is { IsCompletedSuccessfully: true, Result: false };
                lag.SawLedgerAt(commits.LastSequence);
                continue;
            }
            var last = events[^1];
            lag.SawLedgerAt(Math.Max(last.Sequence, commits.LastSequence));
            lag.Reading(events[0].RecordedAt);
            await ApplyToEveryProjectionAsync(events, ct).ConfigureAwait(false);
            position = last.Sequence;
            stamp = stamp with { Checkpoint = position, CheckpointHash = EventFingerprint.Of(last) };
            await stamps.RecordAsync(stamp, ct).ConfigureAwait(false);
            progress.Advance(position, last.RecordedAt);
            Reached(position);
            lag.Applied(last.RecordedAt);
            metrics.Applied(events.Count, handedOver);
        }
    }

    /// <summary>
    /// The projections are independent of each other, so a batch goes to all of them at once: views in Redis then
    /// overlap their round trips (measured: 1.36 × the events/s of one after another); memory views apply as before.
    /// </summary>
    private async Task ApplyToEveryProjectionAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var applying = new Task[_projections.Length];
        for (var i = 0; i < _projections.Length; i++)
        {
            applying[i] = _projections[i].ApplyAsync(events, ct).AsTask();
        }
        try
        {
            await Task.WhenAll(applying).ConfigureAwait(false);
        }
        catch when (applying.FirstOrDefault(t => t.Exception?.InnerException is ProjectionFencedException or ViewsLostException) is { } telling)
        {
            // The refusal that says what to do next wins over whichever failure WhenAll happened to surface first.
            telling.GetAwaiter().GetResult();
        }
    }

    private void Reached(long position)
    {
        if (state.Rebuilding)
        {
            state.Reached(position);
            if (!state.Rebuilding)
            {
                logger.ViewsCurrentAgain(position);
            }
        }
    }
}
