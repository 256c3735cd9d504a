using System.Buffers;

namespace Tally.Views.Fraud;

/// <summary>
/// Per address, the most votes cast in one second (UTC, whole seconds), and the median of that over the addresses (the
/// baseline). Votes come in log order, which is commit-time order on one node, so one pass counting runs of equal
/// seconds per address is exact; should any address's time go back (commits of several nodes interleaved), the votes
/// are sorted by (address, second) instead, so the answer never depends on that order.
/// </summary>
internal sealed class Velocity : IDisposable
{
    private readonly BusiestSecond[] _addresses;

    private Velocity(BusiestSecond[] addresses, int addressCount)
    {
        _addresses = addresses;
        Baseline = Median(addresses.AsSpan(0, addressCount));
    }

    public double Baseline { get; }

    /// <summary>The most votes the address numbered <paramref name="address"/> cast in one second.</summary>
    public int PeakOf(int address) => _addresses[address].Peak;

    /// <param name="addresses">Per address, its votes as counted in log order.</param>
    /// <param name="addressOf">Per considered vote, its address's index (below the number of addresses), -1 for none.</param>
    public static Velocity Of(ReadOnlySpan<VoteSpan> addresses, ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, ReadOnlySpan<int> addressOf)
    {
        var busiest = ArrayPool<BusiestSecond>.Shared.Rent(Math.Max(1, addresses.Length));
        var wentBack = false;
        for (var a = 0; a < addresses.Length; a++)
        {
            busiest[a] = addresses[a].Busiest;
            wentBack |= busiest[a].WentBack;
        }
        if (wentBack)
        {
            Sorted(votes, considered, addressOf, busiest.AsSpan(0, addresses.Length));
        }
        return new Velocity(busiest, addresses.Length);
    }

    /// <summary>The cluster of an address's busiest second: its votes there, their span and the first of them in log order.</summary>
    public FoundCluster Cluster(Candidate candidate, UInt128 address, ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, ReadOnlySpan<int> addressOf)
    {
        var busiest = _addresses[candidate.Index];
        var samples = new List<Guid>(ClusterFinder.Samples);
        long first = long.MaxValue, last = long.MinValue;
        var found = 0;
        for (var i = busiest.PeakFirst; i < considered.Length && found < busiest.Peak; i++)
        {
            ref readonly var vote = ref votes[considered[i]];
            if (addressOf[i] != candidate.Index || SecondOf(vote) != busiest.PeakSecond)
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
        return new FoundCluster(ClusterKind.Velocity, address, FraudKeys.Unknown, busiest.Peak, first, last, samples, candidate.Score);
    }

    public void Dispose() => ArrayPool<BusiestSecond>.Shared.Return(_addresses);

    /// <summary>Finds every address's busiest second again from the votes sorted by (address, second, position).</summary>
    private static void Sorted(ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, ReadOnlySpan<int> addressOf, Span<BusiestSecond> addresses)
    {
        addresses.Clear();
        var buffer = ArrayPool<(int Address, long Second, int Position)>.Shared.Rent(Math.Max(1, considered.Length));
        var count = 0;
        for (var i = 0; i < considered.Length; i++)
        {
            if (addressOf[i] >= 0)
            {
                buffer[count++] = (addressOf[i], SecondOf(votes[considered[i]]), i);
            }
        }
        var keys = buffer.AsSpan(0, count);
        keys.Sort();
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end].Address == keys[start].Address && keys[end].Second == keys[start].Second)
            {
                end++;
            }
            ref var busiest = ref addresses[keys[start].Address];
            if (end - start > busiest.Peak)
            {
                busiest.Peak = end - start;
                busiest.PeakSecond = keys[start].Second;
                // Sorted by position within the second too: the run's first is its earliest in log order.
                busiest.PeakFirst = keys[start].Position;
            }
            start = end;
        }
        ArrayPool<(int Address, long Second, int Position)>.Shared.Return(buffer);
    }

    private static long SecondOf(in FraudVote vote) => vote.CastTicks / TimeSpan.TicksPerSecond;

    /// <summary>The median peak, by counting: peaks are small numbers.</summary>
    private static double Median(ReadOnlySpan<BusiestSecond> addresses)
    {
        if (addresses.Length == 0)
        {
            return 0;
        }
        var max = 0;
        foreach (var address in addresses)
        {
            max = Math.Max(max, address.Peak);
        }
        var counts = new int[max + 1];
        foreach (var address in addresses)
        {
            counts[address.Peak]++;
        }
        return (Nth(counts, (addresses.Length - 1) / 2) + Nth(counts, addresses.Length / 2)) / 2.0;
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
