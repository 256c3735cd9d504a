using HdrHistogram;

namespace Tally.Bench.Load;

public static class Histograms
{
    /// <summary>Microsecond resolution up to a minute, 3 significant digits: any HTTP latency we could plausibly see.</summary>
    public static LongHistogram Microseconds() => new(1, 60_000_000, 3);

    public static long ElapsedMicros(long startTimestamp, long endTimestamp) =>
        Math.Max(1, (endTimestamp - startTimestamp) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);
}
