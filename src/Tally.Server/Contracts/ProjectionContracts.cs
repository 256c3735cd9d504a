using Tally.Sync.Counting;

namespace Tally.Server.Contracts;

/// <summary>
/// The views as an operator sees them: whether they are current or being rebuilt from the log (and why), their stamp,
/// and per projection its checkpoint, lag, shadow rebuild and last swap.
/// </summary>
public sealed record ProjectionsResponse(
    string Role,
    string Views,
    string? RebuildReason,
    long LedgerSequence,
    ViewsStampResponse? Stamp,
    IReadOnlyList<ProjectionAdminStatus> Projections);

public sealed record ViewsStampResponse(Guid Generation, Guid LedgerId, long Checkpoint);

public sealed record ProjectionAdminStatus(
    string Name,
    long Checkpoint,
    long LagEvents,
    double LagMs,
    RebuildResponse? Rebuild,
    DateTimeOffset? LastSwapAt,
    ShadowChecksum? LastChecksum);

/// <summary>A shadow rebuild: replaying, checking, swapping, swapped, mismatched or failed.</summary>
public sealed record RebuildResponse(
    string Projection,
    string State,
    DateTimeOffset StartedAt,
    long Applied,
    long Target,
    double EventsPerSecond,
    DateTimeOffset? FinishedAt,
    ShadowChecksum? Checksum,
    string? Error);
