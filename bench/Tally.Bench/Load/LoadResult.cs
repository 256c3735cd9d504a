using HdrHistogram;

namespace Tally.Bench.Load;

/// <summary>What a closed-loop phase achieved; "measured" counts only completions inside the measured window.</summary>
public sealed record LoadResult(
    long Successes,
    long Failures,
    long MeasuredSuccesses,
    long MeasuredFailures,
    TimeSpan Measured,
    bool EndedEarly,
    HistogramBase LatencyMicros,
    Timeline Timeline)
{
    public double PerSecond => Measured > TimeSpan.Zero ? MeasuredSuccesses / Measured.TotalSeconds : 0;
}
