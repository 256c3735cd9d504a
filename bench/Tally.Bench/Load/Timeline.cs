using System.Diagnostics;

namespace Tally.Bench.Load;

/// <summary>
/// Successes per fixed slot of wall time from the start of a phase, warm-up included: shows whether the measured
/// window caught a steady state or a server still warming up (JIT tiering, a database's first ANALYZE) or slowing down.
/// </summary>
public sealed class Timeline(long start, TimeSpan slot, int slots)
{
    private readonly long[] _counts = new long[slots];
    private readonly long _slotTicks = (long)(slot.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Slot { get; } = slot;

    public void Record(long timestamp)
    {
        var index = (timestamp - start) / _slotTicks;
        if (index >= 0 && index < _counts.Length)
        {
            Interlocked.Increment(ref _counts[index]);
        }
    }

    /// <summary>Rates of the slots up to the last that saw a completion, in order; read once the phase is over.</summary>
    public IReadOnlyList<double> PerSecond()
    {
        var last = Array.FindLastIndex(_counts, c => c > 0);
        return _counts.Take(last + 1).Select(c => c / Slot.TotalSeconds).ToArray();
    }
}
