namespace Tally.Views.Fraud;

/// <summary>
/// A poll's clusters. <see cref="VotesConsidered"/>: live votes in the window; <see cref="VotesUnknown"/>: of those, cast
/// before addresses were recorded. <see cref="Forgotten"/>: the poll closed longer ago than the retention, and its
/// addresses and user agents are dropped.
/// </summary>
public sealed record SuspiciousReport(
    Guid PollId, long VotesConsidered, long VotesUnknown, bool Forgotten, IReadOnlyList<SuspiciousCluster> Clusters);
