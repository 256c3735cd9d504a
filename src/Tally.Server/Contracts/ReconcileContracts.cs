using Tally.Sync.Reconciliation;

namespace Tally.Server.Contracts;

/// <summary>The last reconciliation, the drift found lately (newest first), and how often it runs by itself.</summary>
public sealed record ReconcileResponse(ReconcileReport? Last, IReadOnlyList<PollDrift> Drift, double IntervalSeconds);
