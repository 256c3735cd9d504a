using System.Diagnostics.Metrics;

namespace Tally.Sync;

/// <summary>The sync layer's instruments (meter <c>Tally.Sync</c>): how far the views trail the ledger, and how much they take in.</summary>
public sealed class SyncMetrics
{
    public const string MeterName = "Tally.Sync";

    private readonly Counter<long> _applied;

    public SyncMetrics(IMeterFactory meters, SyncLag lag)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("tally.sync.lag.events", () => lag.EventsBehind, "{event}", "Committed events the views have not applied yet");
        meter.CreateObservableGauge("tally.sync.lag.time", () => lag.TimeBehind.TotalMilliseconds, "ms", "Age of the oldest committed event not applied yet");
        _applied = meter.CreateCounter<long>("tally.sync.events.applied", "{event}", "Events this node applied to the views");
    }

    internal void Applied(int events) => _applied.Add(events);
}
