using Tally.Sync.Counting;

namespace Tally.Sync.Rebuilds;

/// <summary>Where a shadow rebuild of one projection stands, or how the last one ended.</summary>
public sealed record RebuildStatus(
    string Projection,
    RebuildState State,
    DateTimeOffset StartedAt,
    long Applied,
    long Target,
    double EventsPerSecond,
    DateTimeOffset? FinishedAt,
    ShadowChecksum? Checksum,
    string? Error);
