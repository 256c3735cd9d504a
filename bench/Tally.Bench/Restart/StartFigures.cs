namespace Tally.Bench.Restart;

/// <summary>One start of the restart benchmark: how long until ready, at which sequence, resident memory, and how long its graceful stop took.</summary>
public sealed record StartFigures(string Label, TimeSpan Ready, long Head, long WorkingSet, TimeSpan Stop);
