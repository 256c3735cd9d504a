using System.Globalization;

namespace Tally.Bench.Perf;

/// <summary>One scrape of a server's Prometheus <c>/metrics</c>: every sample by its series (name and labels as printed).</summary>
public sealed class MetricsSnapshot
{
    public const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total";
    public const string StageDuration = "tally_ledger_batch_stage_duration_seconds";
    public const string RoundTrips = "tally_ledger_batch_round_trips";
    public const string BatchSize = "tally_ledger_batch_size";
    public const string JitSeconds = "dotnet_jit_compilation_time_seconds_total";

    /// <summary>The stages of <c>BatchStages</c>, in the order a batch goes through them.</summary>
    public static readonly IReadOnlyList<string> Stages = ["read", "insert", "append", "commit", "durable"];

    private readonly IReadOnlyDictionary<string, double> _samples;

    private MetricsSnapshot(IReadOnlyDictionary<string, double> samples) => _samples = samples;

    public static MetricsSnapshot Empty { get; } = new(new Dictionary<string, double>());

    public static async Task<MetricsSnapshot> ScrapeAsync(HttpClient client, CancellationToken ct)
    {
        var text = await client.GetStringAsync("/metrics", ct);
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var split = line.LastIndexOf(' ');
            if (split > 0 && double.TryParse(line[(split + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[line[..split]] = value;
            }
        }
        return new MetricsSnapshot(samples);
    }

    /// <summary>The sum of every series named <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    public double Sum(string name, string? label = null) =>
        _samples.Where(s => (s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal))
                && (label is null || s.Key.Contains(label, StringComparison.Ordinal)))
            .Sum(s => s.Value);

    /// <summary>Δsum ÷ Δcount of a histogram between two scrapes; null when nothing was recorded in between.</summary>
    public static double? MeanBetween(MetricsSnapshot before, MetricsSnapshot after, string histogram, string? label = null)
    {
        var count = after.Sum(histogram + "_count", label) - before.Sum(histogram + "_count", label);
        return count > 0 ? (after.Sum(histogram + "_sum", label) - before.Sum(histogram + "_sum", label)) / count : null;
    }
}
