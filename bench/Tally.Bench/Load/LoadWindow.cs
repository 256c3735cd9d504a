using System.Diagnostics;

namespace Tally.Bench.Load;

/// <summary>
/// Timestamps of one load phase: warm-up until <see cref="MeasureFrom"/>, measured until <see cref="End"/>.
/// The end can only move earlier, when the phase runs out of something it must not reuse.
/// </summary>
public sealed class LoadWindow
{
    private long _end;

    private readonly long _start;

    private LoadWindow(long start, long measureFrom, long end)
    {
        _start = start;
        MeasureFrom = measureFrom;
        _end = end;
    }

    public long MeasureFrom { get; }
    public long End => Volatile.Read(ref _end);
    public bool EndedEarly { get; private set; }

    public static LoadWindow StartingNow(TimeSpan warmup, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        return new LoadWindow(start, measureFrom, measureFrom + Ticks(duration));
    }

    /// <summary>A timeline of 5 s slots covering warm-up and measured time.</summary>
    public Timeline NewTimeline()
    {
        var slot = TimeSpan.FromSeconds(5);
        var slots = (int)Math.Ceiling(Stopwatch.GetElapsedTime(_start, _end).TotalSeconds / slot.TotalSeconds) + 1;
        return new Timeline(_start, slot, slots);
    }

    public bool IsMeasured(long timestamp) => timestamp >= MeasureFrom && timestamp <= End;

    public TimeSpan MeasuredSpan => Stopwatch.GetElapsedTime(MeasureFrom, Math.Max(MeasureFrom, End));

    public void EndAt(long timestamp)
    {
        var current = Volatile.Read(ref _end);
        while (timestamp < current)
        {
            var seen = Interlocked.CompareExchange(ref _end, timestamp, current);
            if (seen == current)
            {
                EndedEarly = true;
                return;
            }
            current = seen;
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
