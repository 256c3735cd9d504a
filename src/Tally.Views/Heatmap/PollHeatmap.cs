namespace Tally.Views.Heatmap;

/// <summary>Votes per option in each region of a poll.</summary>
public sealed record PollHeatmap(Guid PollId, IReadOnlyList<RegionCounts> Regions);
