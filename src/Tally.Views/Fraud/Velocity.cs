namespace Tally.Views.Fraud;

/// <summary>
/// Per address, the most votes cast in one second (UTC, whole seconds), and the median of that over the addresses (the
/// baseline). Votes come in log order, which is commit-time order on one node, so one pass counting runs of equal
/// seconds per address is exact; should any address's time go back (commits of several nodes interleaved), the votes
/// are sorted by (address, second) instead, so the answer never depends on that order.
/// </summary>
internal sealed class Velocity
{
    private readonly long[] _peakSecond;
    private readonly int[] _peakFirst;

    private Velocity(int[] peaks, long[] peakSecond, int[] peakFirst)
    {
        Peaks = peaks;
        _peakSecond = peakSecond;
        _peakFirst = peakFirst;
        Baseline = Median(peaks);
    }

    public int[] Peaks { get; }

    public double Baseline { get; }

    /// <param name="addressOf">Per considered vote, its address's index (below <paramref name="addressCount"/>), -1 for none.</param>
    public static Velocity Of(ReadOnlySpan<FraudVote> votes, int[] considered, int[] addressOf, int addressCount)
    {
        var peaks = new int[addressCount];
        var peakSecond = new long[addressCount];
        var peakFirst = new int[addressCount];
        var lastSecond = new long[addressCount];
        var run = new int[addressCount];
        var runFirst = new int[addressCount];
        for (var i = 0; i < considered.Length; i++)
        {
            var address = addressOf[i];
            if (address < 0)
            {
                continue;
            }
            var second = SecondOf(votes[considered[i]]);
            if (run[address] > 0 && second == lastSecond[address])
            {
                run[address]++;
            }
            else if (run[address] > 0 && second < lastSecond[address])
            {
                return Sorted(votes, considered, addressOf, addressCount);
            }
            else
            {
                lastSecond[address] = second;
                run[address] = 1;
                runFirst[address] = i;
            }
            if (run[address] > peaks[address])
            {
                peaks[address] = run[address];
                peakSecond[address] = second;
                peakFirst[address] = runFirst[address];
            }
        }
        return new Velocity(peaks, peakSecond, peakFirst);
    }

    /// <summary>The cluster of an address's busiest second: its votes there, their span and the first of them in log order.</summary>
    public FoundCluster Cluster(Candidate candidate, UInt128 address, ReadOnlySpan<FraudVote> votes, int[] considered, int[] addressOf)
    {
        var peak = Peaks[candidate.Index];
        var second = _peakSecond[candidate.Index];
        var samples = new List<Guid>(ClusterFinder.Samples);
        long first = long.MaxValue, last = long.MinValue;
        var found = 0;
        for (var i = _peakFirst[candidate.Index]; i < considered.Length && found < peak; i++)
        {
            ref readonly var vote = ref votes[considered[i]];
            if (addressOf[i] != candidate.Index || SecondOf(vote) != second)
            {
                continue;
            }
            found++;
            first = Math.Min(first, vote.CastTicks);
            last = Math.Max(last, vote.CastTicks);
            if (samples.Count < ClusterFinder.Samples)
            {
                samples.Add(vote.VoteId);
            }
        }
        return new FoundCluster(ClusterKind.Velocity, address, FraudKeys.Unknown, peak, first, last, samples, candidate.Score);
    }

    private static Velocity Sorted(ReadOnlySpan<FraudVote> votes, int[] considered, int[] addressOf, int addressCount)
    {
        var keys = new List<(int Address, long Second, int Position)>(considered.Length);
        for (var i = 0; i < considered.Length; i++)
        {
            if (addressOf[i] >= 0)
            {
                keys.Add((addressOf[i], SecondOf(votes[considered[i]]), i));
            }
        }
        keys.Sort();
        var peaks = new int[addressCount];
        var peakSecond = new long[addressCount];
        var peakFirst = new int[addressCount];
        for (var start = 0; start < keys.Count;)
        {
            var end = start + 1;
            while (end < keys.Count && keys[end].Address == keys[start].Address && keys[end].Second == keys[start].Second)
            {
                end++;
            }
            var address = keys[start].Address;
            if (end - start > peaks[address])
            {
                peaks[address] = end - start;
                peakSecond[address] = keys[start].Second;
                // Sorted by position within the second too: the run's first is its earliest in log order.
                peakFirst[address] = keys[start].Position;
            }
            start = end;
        }
        return new Velocity(peaks, peakSecond, peakFirst);
    }

    private static long SecondOf(in FraudVote vote) => vote.CastTicks / TimeSpan.TicksPerSecond;

    /// <summary>The median peak, by counting: peaks are small numbers.</summary>
    private static double Median(int[] peaks)
    {
        if (peaks.Length == 0)
        {
            return 0;
        }
        var counts = new int[peaks.Max() + 1];
        foreach (var peak in peaks)
        {
            counts[peak]++;
        }
        return (Nth(counts, (peaks.Length - 1) / 2) + Nth(counts, peaks.Length / 2)) / 2.0;
    }

    private static int Nth(int[] counts, int n)
    {
        for (var value = 0; ; value++)
        {
            n -= counts[value];
            if (n < 0)
            {
                return value;
            }
        }
    }
}
