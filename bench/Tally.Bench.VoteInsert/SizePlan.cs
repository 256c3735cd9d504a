namespace Tally.Bench.VoteInsert;

/// <summary>How many batches of one size each path runs: untimed warm-up (JIT, prepared statements, plan cache), then timed.</summary>
public sealed record SizePlan(int BatchSize, int WarmupBatches, int MeasuredBatches)
{
    // Sized for about a minute in all on a small machine. 1000-row batches take ~10× longer each, so fewer of them fit;
    // 1000 timed batches still leave ten above the p99, so it is not just the worst batch.
    public static readonly SizePlan[] All =
    [
        new(32, 500, 5000),
        new(128, 500, 4000),
        new(1000, 200, 1000),
    ];
}
