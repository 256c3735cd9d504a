namespace Tally.Views.Fraud;

/// <summary>Live votes that share <see cref="Key"/> (of <see cref="Kind"/>), with their span, a few of their ids, and how far they stand out (<see cref="Score"/>).</summary>
public sealed record SuspiciousCluster(
    ClusterKind Kind,
    string Key,
    long Votes,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    IReadOnlyList<Guid> SampleVoteIds,
    double Score);
