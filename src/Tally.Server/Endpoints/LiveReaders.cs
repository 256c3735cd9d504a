namespace Tally.Server.Endpoints;

/// <summary>What a live stream reads each round: the same readers as the GET endpoints of results, heatmap and delta.</summary>
internal sealed record LiveReaders(ResultsReader Results, HeatmapReader Heatmaps, DeltaReader Deltas);
