namespace Tally.Views.Fraud;

/// <summary>A cluster as <see cref="ClusterFinder"/> finds it: keyed by an address or a text's key, which the store turns into text.</summary>
internal sealed record FoundCluster(
    ClusterKind Kind, UInt128 Address, ulong TextKey, long Votes, long FirstTicks, long LastTicks, IReadOnlyList<Guid> SampleVoteIds, double Score);
