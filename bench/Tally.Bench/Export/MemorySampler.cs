namespace Tally.Bench.Export;

/// <summary>Samples RSS and the managed heap on a timer of its own, keeping the peaks, until stopped.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakRss;
    private long _peakHeap;

    public MemorySampler(TimeSpan every)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, every, every);
    }

    /// <returns>The peak RSS and managed heap seen, the last sample taken now.</returns>
    public (long Rss, long Heap) Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
        return (Interlocked.Read(ref _peakRss), Interlocked.Read(ref _peakHeap));
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        Max(ref _peakRss, ProcessMemory.Rss());
        Max(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Max(ref long peak, long value)
    {
        for (var seen = Interlocked.Read(ref peak); value > seen; seen = Interlocked.Read(ref peak))
        {
            if (Interlocked.CompareExchange(ref peak, value, seen) == seen)
            {
                return;
            }
        }
    }
}
