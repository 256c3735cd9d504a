using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tally.Domain.Events;
using Tally.Ledger.Stores;
using Tally.Sync.Counting;
using Tally.Views;
using Tally.Views.Progress;

namespace Tally.Sync.Reconciliation;

/// <summary>
/// Compares every open poll's counted views with the ledger at one sequence — the views read while the daemon stands
/// still, the ledger counted at its own snapshot and walked along the log to that same sequence — and repairs a poll
/// that differs by rebuilding all its views from its own events. A missing stamp means the store lost everything: the
/// daemon is told, and starts the views over.
/// </summary>
public sealed class Reconciler(
    IEnumerable<ICountingView> views,
    IEnumerable<IProjection> projections,
    IViewsStamp stamps,
    IEventLog log,
    IAuditTrail audit,
    LedgerComparison comparison,
    BetweenBatches betweenBatches,
    SyncMetrics metrics,
    TimeProvider clock,
    IOptions<SyncOptions> options,
    ILogger<Reconciler> logger)
{
    private const int SampleSize = 20;
    private const int KeptDrift = 100;

    /// <summary>Who the audit names for what reconciliation does by itself.</summary>
    public const string Actor = "tally:reconciliation";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly ICountingView[] _views = views.ToArray();
    private readonly IProjection[] _projections = projections.ToArray();
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lock _gate = new();
    private readonly LinkedList<PollDrift> _drift = new();
    private ReconcileReport? _last;

    public ReconcileReport? Last => Volatile.Read(ref _last);

    /// <summary>The latest drift found, newest first (at most 100 polls).</summary>
    public IReadOnlyList<PollDrift> Drift
    {
        get
        {
            lock (_gate)
            {
                return _drift.ToArray();
            }
        }
    }

    /// <summary>One reconciliation; a second caller waits for the first to finish, then runs its own.</summary>
    public async Task<ReconcileReport> RunAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The daemon's pauses come only while this node leads; a term lost meanwhile must not hang the caller.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(Timeout);
            var report = await ReconcileAsync(bounded.Token).ConfigureAwait(false);
            Volatile.Write(ref _last, report);
            return report;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<ReconcileReport> ReconcileAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        if (await stamps.ReadAsync(ct).ConfigureAwait(false) is null)
        {
            logger.ReconcileFoundViewsLost();
            metrics.ViewsLostFound();
            betweenBatches.ReportViewsLost();
            return new ReconcileReport(at, 0, 0, 0, [], true, Stopwatch.GetElapsedTime(started));
        }
        var cut = await comparison.CountAsync(null, ct).ConfigureAwait(false);
        var polls = cut.Polls.ToArray();
        var (sequence, held) = await betweenBatches.RunAsync(async (checkpoint, daemonCt) =>
        {
            var reads = new List<Task<IReadOnlyList<HeldVotes>>>(polls.Length * _views.Length);
            foreach (var pollId in polls)
            {
                foreach (var view in _views)
                {
                    reads.Add(view.CountAsync(pollId, daemonCt).AsTask());
                }
            }
            return (checkpoint, await Task.WhenAll(reads).ConfigureAwait(false));
        }, ct).ConfigureAwait(false);
        var ledger = await comparison.WalkAsync(cut, sequence, ct).ConfigureAwait(false);

        var cells = 0;
        var drifted = new List<PollDrift>();
        for (var p = 0; p < polls.Length; p++)
        {
            var pollDrift = new List<CellDrift>();
            for (var v = 0; v < _views.Length; v++)
            {
                if (LedgerComparison.ShapeOf(_views[v].Name) is not { } shape)
                {
                    continue;
                }
                pollDrift.AddRange(LedgerComparison.Differences(_views[v].Name, shape, polls[p], held[p * _views.Length + v], ledger, out var compared));
                cells += compared;
            }
            if (pollDrift.Count > 0)
            {
                logger.DriftFound(polls[p], sequence, pollDrift.Count);
                metrics.DriftFound(pollDrift);
                var repaired = await RepairAsync(polls[p], ct).ConfigureAwait(false);
                await AuditAsync(polls[p], sequence, pollDrift.Count, repaired, ct).ConfigureAwait(false);
                drifted.Add(new PollDrift(polls[p], sequence, at, pollDrift.Count, pollDrift.Take(SampleSize).ToArray(), repaired));
            }
        }
        Keep(drifted);
        var report = new ReconcileReport(at, sequence, polls.Length, cells, drifted, false, Stopwatch.GetElapsedTime(started));
        logger.Reconciled(sequence, polls.Length, cells, drifted.Count, report.Took);
        return report;
    }

    /// <summary>Rebuilds every view of one poll from the poll's own events, while the daemon stands still.</summary>
    private async Task<bool> RepairAsync(Guid pollId, CancellationToken ct)
    {
        try
        {
            await betweenBatches.RunAsync(async (checkpoint, daemonCt) =>
            {
                var events = new List<StoredEvent>();
                var after = 0L;
                while (true)
                {
                    var page = await log.ReadPollAsync(pollId, after, checkpoint, options.Value.BatchSize, daemonCt).ConfigureAwait(false);
                    if (page.Count == 0)
                    {
                        break;
                    }
                    events.AddRange(page);
                    after = page[^1].Sequence;
                }
                foreach (var projection in _projections)
                {
                    await projection.RepairPollAsync(pollId, events, daemonCt).ConfigureAwait(false);
                }
                return events.Count;
            }, ct).ConfigureAwait(false);
            logger.PollRepaired(pollId);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.PollRepairFailed(ex, pollId);
            return false;
        }
    }

    /// <summary>A repair changes what readers are told, so it is traced like an admin's act: by the reconciliation itself.</summary>
    private async Task AuditAsync(Guid pollId, long sequence, int cells, bool repaired, CancellationToken ct)
    {
        try
        {
            await audit.RecordAsync(clock.GetUtcNow(), Actor, repaired ? "poll_views_repaired" : "poll_views_drift",
                pollId, $"{cells} cells differed from the ledger at sequence {sequence}", ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.DriftNotAudited(ex, pollId);
        }
    }

    private void Keep(List<PollDrift> drifted)
    {
        lock (_gate)
        {
            foreach (var drift in drifted)
            {
                _drift.AddFirst(drift);
            }
            while (_drift.Count > KeptDrift)
            {
                _drift.RemoveLast();
            }
        }
    }
}
