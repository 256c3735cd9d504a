using System.Collections.Concurrent;
using Tally.Domain.Events;
using Tally.Views.Delta;

namespace Tally.Views.Memory;

/// <summary>Net votes per option in fixed time buckets, for "what changed in the last N minutes".</summary>
public sealed class MemoryDeltaProjection : MemoryProjection, IDeltaView
{
    private readonly ConcurrentDictionary<Guid, Buckets> _polls = new();

    public override string Name => "delta";

    public ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        if (!_polls.TryGetValue(pollId, out var buckets))
        {
            return ValueTask.FromResult<PollDelta?>(null);
        }
        var first = DeltaBuckets.BucketOf(now - window);
        var votes = new long[buckets.OptionCount];
        lock (buckets)
        {
            foreach (var (bucket, counts) in buckets.ByBucket)
            {
                if (bucket < first)
                {
                    continue;
                }
                for (var i = 0; i < votes.Length; i++)
                {
                    votes[i] += counts[i];
                }
            }
        }
        return ValueTask.FromResult<PollDelta?>(new PollDelta(pollId, DeltaBuckets.StartOf(first), now, votes, votes.Sum()));
    }

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated created:
                _polls[created.Poll.Id] = new Buckets(created.Poll.Options.Count);
                break;
            case VoteCast cast when _polls.TryGetValue(cast.PollId, out var buckets):
                buckets.Count(DeltaBuckets.BucketOf(cast.RecordedAt), cast.OptionId, +1);
                break;
            case VoteRetracted retracted when _polls.TryGetValue(retracted.PollId, out var buckets):
                buckets.Count(DeltaBuckets.BucketOf(retracted.RetractedAt), retracted.OptionId, -1);
                break;
        }
    }

    private sealed class Buckets(int optionCount)
    {
        public int OptionCount { get; } = optionCount;

        public SortedDictionary<long, long[]> ByBucket { get; } = new();

        public void Count(long bucket, int optionId, int change)
        {
            lock (this)
            {
                if (!ByBucket.TryGetValue(bucket, out var counts))
                {
                    counts = new long[OptionCount];
                    ByBucket[bucket] = counts;
                    Prune(bucket);
                }
                counts[optionId - 1] += change;
            }
        }

        // Buckets older than the retention can never be asked for again.
        private void Prune(long newest)
        {
            var oldest = newest - DeltaBuckets.Retention.Ticks / DeltaBuckets.Width.Ticks;
            while (ByBucket.Count > 0)
            {
                var first = ByBucket.Keys.First();
                if (first >= oldest)
                {
                    return;
                }
                ByBucket.Remove(first);
            }
        }
    }
}
