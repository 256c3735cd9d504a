using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tally.Sync.Counting;
using Tally.Sync.Rebuilds;

namespace Tally.Sync;

/// <summary>
/// The sync layer's instruments (meter <c>Tally.Sync</c>): how far the views trail the ledger, how much they take in,
/// how shadow rebuilds progress, and the drift reconciliation finds.
/// </summary>
public sealed class SyncMetrics
{
    public const string MeterName = "Tally.Sync";

    private readonly Counter<long> _applied;
    private readonly Counter<long> _driftCells;
    private readonly Counter<long> _driftPolls;
    private readonly Counter<long> _viewsLost;
    private readonly ConcurrentDictionary<string, RebuildStatus> _rebuilds = new(StringComparer.Ordinal);

    public SyncMetrics(IMeterFactory meters, SyncLag lag)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("tally.sync.lag.events", () => lag.EventsBehind, "{event}", "Committed events the views have not applied yet");
        meter.CreateObservableGauge("tally.sync.lag.time", () => lag.TimeBehind.TotalMilliseconds, "ms", "Age of the oldest committed event not applied yet");
        _applied = meter.CreateCounter<long>("tally.sync.events.applied", "{event}", "Events this node applied to the views, by source (handoff: committed here and handed over in memory; log: read from the event log)");
        meter.CreateObservableGauge("tally.sync.rebuild.applied", () => Each(r => (double)r.Applied), "{event}", "Events a shadow rebuild has replayed into its shadow, per projection");
        meter.CreateObservableGauge("tally.sync.rebuild.target", () => Each(r => (double)r.Target), "{event}", "The live view's checkpoint the shadow rebuild is heading for, per projection");
        meter.CreateObservableGauge("tally.sync.rebuild.rate", () => Each(r => r.EventsPerSecond), "{event}/s", "Replay speed of the latest shadow rebuild, per projection");
        meter.CreateObservableGauge("tally.sync.rebuild.running", () => Each(r => r.FinishedAt is null ? 1 : 0), "{rebuild}", "1 while a shadow rebuild of the projection runs");
        _driftCells = meter.CreateCounter<long>("tally.sync.drift.cells", "{cell}", "Counted cells where a view differed from the ledger at reconciliation, per view");
        _driftPolls = meter.CreateCounter<long>("tally.sync.drift.polls", "{poll}", "Polls whose views differed from the ledger at reconciliation");
        _viewsLost = meter.CreateCounter<long>("tally.sync.views.lost", "{event}", "Times reconciliation found the views' store without their stamp");
    }

    internal void Applied(int events, bool handedOver) =>
        _applied.Add(events, new KeyValuePair<string, object?>("source", handedOver ? "handoff" : "log"));

    internal void Rebuild(RebuildStatus status) => _rebuilds[status.Projection] = status;

    internal void DriftFound(IReadOnlyList<CellDrift> cells)
    {
        _driftPolls.Add(1);
        foreach (var view in cells.GroupBy(c => c.View))
        {
            _driftCells.Add(view.Count(), new KeyValuePair<string, object?>("view", view.Key));
        }
    }

    internal void ViewsLostFound() => _viewsLost.Add(1);

    private IEnumerable<Measurement<double>> Each(Func<RebuildStatus, double> figure) =>
        _rebuilds.Values.Select(r => new Measurement<double>(figure(r), new KeyValuePair<string, object?>("projection", r.Projection)));
}
