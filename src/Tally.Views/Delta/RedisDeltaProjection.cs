using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Redis;

namespace Tally.Views.Delta;

/// <summary>
/// Net votes per option in fixed time buckets by commit time: one hash per bucket, expiring after the retention, and a
/// per-poll sorted set of bucket numbers so a window reads only the buckets that exist.
/// </summary>
public sealed class RedisDeltaProjection(RedisViewStore store) : RedisProjection(store), IDeltaView, IDeltaSink
{
    // A bucket must outlive the retention by its own width: the oldest window still reaches into it.
    private static readonly TimeSpan Lifetime = DeltaBuckets.Retention + DeltaBuckets.Width;

    public override string Name => "delta";

    private protected override IReadOnlyList<string> KeyPatterns => [Store.Keys.AllDeltas];

    public async ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        var first = DeltaBuckets.BucketOf(now - window);
        var database = Store.Database;
        var optionsTask = database.StringGetAsync(Store.Keys.DeltaOptions(pollId));
        var bucketsTask = database.SortedSetRangeByScoreAsync(Store.Keys.DeltaIndex(pollId), first, double.PositiveInfinity);
        var options = await optionsTask.ConfigureAwait(false);
        var buckets = await bucketsTask.ConfigureAwait(false);
        if (options.IsNull)
        {
            return null;
        }
        var votes = new long[(int)options];
        var reads = buckets.Select(b => database.HashGetAllAsync(Store.Keys.DeltaBucket(pollId, (long)b))).ToArray();
        foreach (var counts in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            foreach (var entry in counts)
            {
                if (int.TryParse((string)entry.Name!, NumberStyles.None, CultureInfo.InvariantCulture, out var option) && option >= 1 && option <= votes.Length)
                {
                    votes[option - 1] += (long)entry.Value;
                }
            }
        }
        return new PollDelta(pollId, DeltaBuckets.StartOf(first), now, votes, votes.Sum());
    }

    private protected override void Describe(StoredEvent stored) => DeltaReducer.Apply(stored, this);

    void IDeltaSink.Start(Guid pollId, int optionCount)
    {
        Chunk.Barrier();
        Chunk.Unguarded()
            .Delete(Store.Keys.DeltaIndex(pollId))
            .Set(Store.Keys.DeltaOptions(pollId), optionCount);
        Chunk.Barrier();
    }

    void IDeltaSink.Count(Guid pollId, long bucket, int optionId, int change, long oldestKept)
    {
        var bucketKey = Store.Keys.DeltaBucket(pollId, bucket);
        var index = Store.Keys.DeltaIndex(pollId);
        Chunk.Guarded(Store.Keys.DeltaOptions(pollId))
            .Increment(bucketKey, optionId, change)
            .ExpireAfterwards(bucketKey, Lifetime)
            .SortedSetAddAfterwards(index, bucket, bucket)
            .ExpireAfterwards(index, Lifetime)
            .SortedSetTrimAfterwards(index, oldestKept);
    }
}
