namespace Tally.Bench.Perf;

/// <summary>What Tally's own metrics said about one measured run: allocations per vote and the group commit's batches.</summary>
/// <param name="StageMillis">Mean time per batch in each stage (read, insert, append, commit, durable); null where not recorded.</param>
/// <param name="JitCores">The JIT's compiling time over the run's length: the cores it took from the run.</param>
public sealed record BatchFigures(double? AllocatedBytesPerVote, double? VotesPerBatch, double? RoundTripsPerBatch, IReadOnlyList<double?> StageMillis, double JitCores)
{
    public static BatchFigures Between(MetricsSnapshot before, MetricsSnapshot after, long votes, TimeSpan length)
    {
        var allocated = after.Sum(MetricsSnapshot.AllocatedBytes) - before.Sum(MetricsSnapshot.AllocatedBytes);
        return new BatchFigures(
            votes > 0 && allocated > 0 ? allocated / votes : null,
            MetricsSnapshot.MeanBetween(before, after, MetricsSnapshot.BatchSize),
            MetricsSnapshot.MeanBetween(before, after, MetricsSnapshot.RoundTrips),
            [.. MetricsSnapshot.Stages.Select(stage => MetricsSnapshot.MeanBetween(before, after, MetricsSnapshot.StageDuration, $"stage=\"{stage}\"") * 1000)],
            JitCoresBetween(before, after, length));
    }

    /// <summary>The JIT's compiling seconds between two scrapes per second between them.</summary>
    public static double JitCoresBetween(MetricsSnapshot before, MetricsSnapshot after, TimeSpan length) =>
        (after.Sum(MetricsSnapshot.JitSeconds) - before.Sum(MetricsSnapshot.JitSeconds)) / length.TotalSeconds;
}
