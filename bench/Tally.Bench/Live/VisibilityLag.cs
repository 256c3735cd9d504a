using HdrHistogram;
using Tally.Bench.Load;

namespace Tally.Bench.Live;

/// <summary>From each acknowledged vote to each viewer's first results at or past its sequence.</summary>
public static class VisibilityLag
{
    public static (LongHistogram Lag, long Early, long Missed) Measure(IEnumerable<(long Sequence, long At)> votes, IReadOnlyList<LiveViewer> viewers)
    {
        var lag = Histograms.Microseconds();
        long early = 0, missed = 0;
        var acknowledged = votes.ToList();
        foreach (var viewer in viewers)
        {
            // The highest sequence seen so far at each arrival, so a binary search finds the first arrival at or past a
            // vote even if a stream ever went backwards.
            var seen = new long[viewer.Results.Count];
            for (var i = 0; i < seen.Length; i++)
            {
                seen[i] = Math.Max(viewer.Results[i].Sequence, i == 0 ? 0 : seen[i - 1]);
            }
            foreach (var (sequence, at) in acknowledged)
            {
                var index = FirstAtOrPast(seen, sequence);
                if (index == seen.Length)
                {
                    missed++;
                    continue;
                }
                var arrived = viewer.Results[index].At;
                early += arrived < at ? 1 : 0;
                lag.RecordValue(arrived < at ? 0 : Histograms.ElapsedMicros(at, arrived));
            }
        }
        return (lag, early, missed);
    }

    private static int FirstAtOrPast(long[] seen, long sequence)
    {
        int low = 0, high = seen.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (seen[middle] >= sequence)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
