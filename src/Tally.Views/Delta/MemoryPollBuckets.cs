using System.Collections.Immutable;

namespace Tally.Views.Delta;

/// <summary>
/// The daemon's working buckets of one poll in memory. Snapshots share the tree and every bucket the batch left alone; a
/// bucket's counts are copied once per batch, the first time the batch changes them after a snapshot took them.
/// </summary>
internal sealed class MemoryPollBuckets(int optionCount, ImmutableSortedDictionary<long, long[]>.Builder buckets)
{
    private readonly ImmutableSortedDictionary<long, long[]>.Builder _buckets = buckets;

    public MemoryPollBuckets(int optionCount)
        : this(optionCount, ImmutableSortedDictionary.CreateBuilder<long, long[]>())
    {
    }

    /// <summary>Buckets as they were published, to go on from; their counts are copied before they change.</summary>
    public MemoryPollBuckets(MemoryDeltaSnapshot snapshot)
        : this(snapshot.OptionCount, snapshot.ByBucket.ToBuilder())
    {
    }

    // Buckets whose counts no snapshot holds yet, so they may change in place.
    private readonly HashSet<long> _unpublished = [];

    public void Count(long bucket, int optionId, int change, long oldestKept)
    {
        if (!_buckets.TryGetValue(bucket, out var counts))
        {
            counts = new long[optionCount];
            _buckets[bucket] = counts;
            _unpublished.Add(bucket);
            Prune(oldestKept);
        }
        else if (_unpublished.Add(bucket))
        {
            counts = (long[])counts.Clone();
            _buckets[bucket] = counts;
        }
        counts[optionId - 1] += change;
    }

    public MemoryDeltaSnapshot Freeze()
    {
        _unpublished.Clear();
        return new MemoryDeltaSnapshot(optionCount, _buckets.ToImmutable());
    }

    private void Prune(long oldestKept)
    {
        while (_buckets.Count > 0)
        {
            var first = _buckets.Keys.First();
            if (first >= oldestKept)
            {
                return;
            }
            _buckets.Remove(first);
            _unpublished.Remove(first);
        }
    }
}
