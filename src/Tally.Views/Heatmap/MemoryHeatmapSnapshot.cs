namespace Tally.Views.Heatmap;

/// <summary>One poll's heatmap as published at the end of a batch, with the option count a region first voted in starts from. Never changed.</summary>
internal sealed record MemoryHeatmapSnapshot(int OptionCount, PollHeatmap Heatmap);
