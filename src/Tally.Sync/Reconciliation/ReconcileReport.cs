namespace Tally.Sync.Reconciliation;

/// <summary>
/// One reconciliation: the open polls' counted views compared with the ledger at <see cref="Sequence"/>, what drifted,
/// and whether the views' stamp was missing from their store (the whole store lost: the daemon starts them over).
/// </summary>
public sealed record ReconcileReport(
    DateTimeOffset At,
    long Sequence,
    int Polls,
    int Cells,
    IReadOnlyList<PollDrift> Drifted,
    bool ViewsLost,
    TimeSpan Took);
