namespace Tally.Views.Heatmap;

public sealed record RegionCounts(string Region, IReadOnlyList<long> Votes, long Total);
