namespace Tally.Views.Fraud;

/// <summary>
/// Per address, the most votes cast in one second, and the median of that over the addresses (the baseline). Votes of
/// addresses that voted more than once are sorted by (address, second), so commit times out of log order count right.
/// </summary>
internal sealed class Velocity
{
    private readonly int[] _positions;
    private readonly int[] _peakStart;

    private Velocity(int[] peaks, int[] peakStart, double baseline, int[] positions)
    {
        Peaks = peaks;
        _peakStart = peakStart;
        Baseline = baseline;
        _positions = positions;
    }

    public int[] Peaks { get; }

    public double Baseline { get; }

    /// <param name="addressOf">Per considered vote, its address's index in <paramref name="addresses"/>, -1 for none.</param>
    /// <param name="firstSecond">The earliest second of a vote with an address, so (address, second) fits in 64 bits.</param>
    public static Velocity Of(ReadOnlySpan<FraudVote> votes, int[] considered, int[] addressOf, List<VoteSpan> addresses, long firstSecond)
    {
        var repeated = 0;
        foreach (var address in addressOf)
        {
            if (address >= 0 && addresses[address].Votes > 1)
            {
                repeated++;
            }
        }
        var keys = new ulong[repeated];
        var positions = new int[repeated];
        var k = 0;
        for (var i = 0; i < addressOf.Length; i++)
        {
            var address = addressOf[i];
            if (address >= 0 && addresses[address].Votes > 1)
            {
                keys[k] = ((ulong)(uint)address << 32) | (uint)(votes[considered[i]].CastTicks / TimeSpan.TicksPerSecond - firstSecond);
                positions[k++] = i;
            }
        }
        Array.Sort(keys, positions);
        var peaks = new int[addresses.Count];
        Array.Fill(peaks, 1);
        var peakStart = new int[addresses.Count];
        Array.Fill(peakStart, -1);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }
            var address = (int)(keys[start] >> 32);
            if (end - start > peaks[address] || peakStart[address] < 0)
            {
                peaks[address] = end - start;
                peakStart[address] = start;
            }
            start = end;
        }
        return new Velocity(peaks, peakStart, Median(peaks), positions);
    }

    /// <summary>The cluster of an address's busiest second: its votes there, their span and the first of them in log order.</summary>
    public FoundCluster Cluster(Candidate candidate, UInt128 address, ReadOnlySpan<FraudVote> votes, int[] considered)
    {
        var start = _peakStart[candidate.Index];
        var inSecond = _positions.AsSpan(start, Peaks[candidate.Index]).ToArray();
        Array.Sort(inSecond);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var position in inSecond)
        {
            var ticks = votes[considered[position]].CastTicks;
            first = Math.Min(first, ticks);
            last = Math.Max(last, ticks);
        }
        var samples = new Guid[Math.Min(ClusterFinder.Samples, inSecond.Length)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = votes[considered[inSecond[i]]].VoteId;
        }
        return new FoundCluster(ClusterKind.Velocity, address, FraudKeys.Unknown, inSecond.Length, first, last, samples, candidate.Score);
    }

    private static double Median(int[] peaks)
    {
        if (peaks.Length == 0)
        {
            return 0;
        }
        var sorted = (int[])peaks.Clone();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
