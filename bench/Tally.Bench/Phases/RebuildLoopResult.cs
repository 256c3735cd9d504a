namespace Tally.Bench.Phases;

/// <summary>Rebuilds that swapped during a phase, those that did not (and why), and their mean replay speed under load.</summary>
public sealed record RebuildLoopResult(int Swapped, IReadOnlyList<string> NotSwapped, double? MeanEventsPerSecond)
{
    public override string ToString() =>
        $"{Swapped} shadow rebuilds swapped in, replaying at {(MeanEventsPerSecond is { } rate ? $"{rate:N0} events/s" : "–")} on average"
        + (NotSwapped.Count == 0 ? "" : $"; {NotSwapped.Count} did not: {string.Join("; ", NotSwapped)}");
}
