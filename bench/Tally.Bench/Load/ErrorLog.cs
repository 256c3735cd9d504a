using System.Collections.Concurrent;

namespace Tally.Bench.Load;

/// <summary>Counts failures by kind and keeps the first few in full, enough to diagnose without drowning the report.</summary>
public sealed class ErrorLog
{
    private const int SamplesKept = 5;
    private readonly ConcurrentDictionary<string, long> _byKind = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private int _sampleCount;

    public void Record(string kind, string detail)
    {
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref _sampleCount) <= SamplesKept)
        {
            _samples.Enqueue($"{kind}: {Truncate(detail, 500)}");
        }
    }

    public long Total => _byKind.Values.Sum();

    public void Print(TextWriter output, string indent = "  ")
    {
        if (Total == 0)
        {
            return;
        }
        output.WriteLine($"{indent}errors by kind: {string.Join(", ", _byKind.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} x{kv.Value}"))}");
        foreach (var sample in _samples)
        {
            output.WriteLine($"{indent}  e.g. {sample}");
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
