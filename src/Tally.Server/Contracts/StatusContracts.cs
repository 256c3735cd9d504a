namespace Tally.Server.Contracts;

public sealed record SyncStatusResponse(
    long LedgerSequence,
    long AppliedSequence,
    long EventsBehind,
    double MillisecondsBehind,
    double LastApplyDelayMs,
    IReadOnlyList<ProjectionStatus> Projections,
    string Role,
    long? Epoch);

public sealed record ProjectionStatus(string Name, long Checkpoint);

public sealed record HealthResponse(string Status);
