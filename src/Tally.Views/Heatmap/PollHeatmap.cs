namespace Tally.Views.Heatmap;

/// <summary>Votes per option in each region of a poll.</summary>
public sealed record PollHeatmap(Guid PollId, IReadOnlyList<RegionCounts> Regions);

public sealed record RegionCounts(string Region, IReadOnlyList<long> Votes, long Total);
