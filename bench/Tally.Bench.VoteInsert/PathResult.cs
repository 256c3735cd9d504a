namespace Tally.Bench.VoteInsert;

/// <summary>One path's timed batches at one size: exact percentiles from the sorted per-batch latencies.</summary>
public sealed class PathResult(string path, int batchSize, List<double> latenciesMs)
{
    private readonly double[] _sorted = [.. latenciesMs.Order()];

    public string Path { get; } = path;

    public int BatchSize { get; } = batchSize;

    public int Batches => _sorted.Length;

    public double MeanMs => _sorted.Average();

    /// <summary>Rows offered per second of transaction time (BEGIN to COMMIT); time spent making batches is not counted.</summary>
    public double RowsPerSecond => BatchSize * (double)Batches / (_sorted.Sum() / 1000.0);

    /// <summary>Nearest rank: the smallest latency at least <paramref name="percent"/>% of batches did not exceed.</summary>
    public double PercentileMs(double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }
}
