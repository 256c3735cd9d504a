namespace Tally.Bench.Perf;

/// <summary>What one wrk run measured: its own counts and latencies, and the CPU the load generator and the server used.</summary>
/// <param name="Errors">Answers of 4xx/5xx (wrk's "non-2xx or 3xx") plus socket errors and timeouts.</param>
public sealed record WrkResult(
    long Requests,
    TimeSpan Duration,
    long Errors,
    double P50Millis,
    double P90Millis,
    double P99Millis,
    double MaxMillis,
    double LoadGeneratorCores,
    double ServerCores)
{
    public double PerSecond => Requests / Duration.TotalSeconds;

    public long Successes => Requests - Errors;
}
