using HdrHistogram;

namespace Tally.Bench.Catalog;

/// <summary>How long creating the polls through HTTP took.</summary>
public sealed record SeedResult(int Polls, TimeSpan Elapsed, HistogramBase LatencyMicros)
{
    public double PerSecond => Polls / Elapsed.TotalSeconds;
}
