using HdrHistogram;

namespace Tally.Bench.Perf;

/// <param name="LatencyMicros">From each request's scheduled start (not its actual send) to its answer: corrected for coordinated omission.</param>
/// <param name="Failures">Answers other than the expected one, by what came instead.</param>
/// <param name="SendBehindMicros">How long after its scheduled start each request left the client.</param>
public sealed record OpenLoopResult(double TargetRate, long Sent, long Succeeded, IReadOnlyDictionary<string, long> Failures, TimeSpan Measured,
    HistogramBase LatencyMicros, HistogramBase SendBehindMicros)
{
    public long Failed => Failures.Values.Sum();

    public string FailureSummary => string.Join(", ", Failures.Select(f => $"{f.Value} × {f.Key}"));

    public double AchievedRate => Succeeded / Measured.TotalSeconds;

    public double Percentile(double p) => LatencyMicros.TotalCount == 0 ? double.NaN : LatencyMicros.GetValueAtPercentile(p) / 1000.0;
}
