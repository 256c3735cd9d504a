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

    public async ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return null;
        }
        var first = DeltaBuckets.BucketOf(now - window);
        var database = Store.Database;
        var optionsTask = database.StringGetAsync(keys.DeltaOptions(pollId));
        var bucketsTask = database.SortedSetRangeByScoreAsync(keys.DeltaIndex(pollId), first, double.PositiveInfinity);
        var options = await optionsTask.ConfigureAwait(false);
        var buckets = await bucketsTask.ConfigureAwait(false);
        if (options.IsNull)
        {
            return null;
        }
        var votes = new long[(int)options];
        var reads = buckets.Select(b => database.HashGetAllAsync(keys.DeltaBucket(pollId, (long)b))).ToArray();
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

    /// <remarks>Found by SCAN: a bucket the index no longer lists may still exist until it expires, and would be counted into.</remarks>
    private protected override async ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        (await Store.Generations.FindAsync(generation.DeltaPattern(pollId), ct).ConfigureAwait(false)).SelectMany(page => page).ToArray();

    private protected override RedisProjection Twin() => new RedisDeltaProjection(Store);

    void IDeltaSink.Start(Guid pollId, int optionCount)
    {
        Chunk.Barrier();
        Chunk.Unguarded()
            .Delete(Keys.DeltaIndex(pollId))
            .Set(Keys.DeltaOptions(pollId), optionCount);
        Chunk.Barrier();
    }

    void IDeltaSink.Count(Guid pollId, long bucket, int optionId, int change, long oldestKept)
    {
        var bucketKey = Keys.DeltaBucket(pollId, bucket);
        var index = Keys.DeltaIndex(pollId);
        Chunk.Guarded(Keys.DeltaOptions(pollId))
            .Increment(bucketKey, optionId, change)
            .ExpireAfterwards(bucketKey, Lifetime)
            .SortedSetAddAfterwards(index, bucket, bucket)
            .ExpireAfterwards(index, Lifetime)
            .SortedSetTrimAfterwards(index, oldestKept);
    }
}
