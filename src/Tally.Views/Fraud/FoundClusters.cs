namespace Tally.Views.Fraud;

/// <summary>What <see cref="ClusterFinder"/> found among the votes considered, before texts are looked up.</summary>
internal sealed record FoundClusters(long VotesConsidered, long VotesUnknown, IReadOnlyList<FoundCluster> Clusters)
{
    /// <summary>The keys of the texts the clusters name (networks, user agents), for the store to look up.</summary>
    public IEnumerable<ulong> TextKeys => Clusters.Where(c => c.Kind is ClusterKind.Network or ClusterKind.UserAgent).Select(c => c.TextKey).Distinct();
}
