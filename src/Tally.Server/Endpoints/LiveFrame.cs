namespace Tally.Server.Endpoints;

/// <summary>One live round of a poll at one checkpoint: the three events' data, already serialised.</summary>
public sealed record LiveFrame(long Sequence, string Results, string Heatmap, string Delta);
