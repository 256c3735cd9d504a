using HdrHistogram;

namespace Tally.Bench.Perf;

/// <param name="LatencyMicros">From each request's scheduled start (not its actual send) to its answer: corrected for coordinated omission.</param>
public sealed record OpenLoopResult(double TargetRate, long Sent, long Succeeded, long Failed, TimeSpan Measured, HistogramBase LatencyMicros)
{
    public double AchievedRate => Succeeded / Measured.TotalSeconds;

    public double Percentile(double p) => LatencyMicros.TotalCount == 0 ? double.NaN : LatencyMicros.GetValueAtPercentile(p) / 1000.0;
}
