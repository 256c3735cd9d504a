using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Delta;

namespace Tally.Views.Redis;

/// <summary>
/// Net votes per option in fixed time buckets by commit time: one hash per bucket, expiring after the retention, and a
/// per-poll sorted set of bucket numbers so a window reads only the buckets that exist.
/// </summary>
public sealed class RedisDeltaProjection(RedisViewStore store) : RedisProjection(store), IDeltaView
{
    // A bucket must outlive the retention by its own width: the oldest window still reaches into it.
    private static readonly TimeSpan Lifetime = DeltaBuckets.Retention + DeltaBuckets.Width;
    private static readonly long RetainedBuckets = DeltaBuckets.Retention.Ticks / DeltaBuckets.Width.Ticks;

    public override string Name => "delta";

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

    private protected override void Describe(StoredEvent stored, ChangeSet changes)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                changes.Barrier();
                changes.Unguarded()
                    .Delete(Store.Keys.DeltaIndex(poll.Id))
                    .Set(Store.Keys.DeltaOptions(poll.Id), poll.Options.Count);
                changes.Barrier();
                break;
            case VoteCast cast:
                Count(changes, cast.PollId, DeltaBuckets.BucketOf(cast.RecordedAt), cast.OptionId, +1);
                break;
            case VoteRetracted retracted:
                Count(changes, retracted.PollId, DeltaBuckets.BucketOf(retracted.RetractedAt), retracted.OptionId, -1);
                break;
        }
    }

    private void Count(ChangeSet changes, Guid pollId, long bucket, int optionId, int change)
    {
        var bucketKey = Store.Keys.DeltaBucket(pollId, bucket);
        var index = Store.Keys.DeltaIndex(pollId);
        changes.Guarded(Store.Keys.DeltaOptions(pollId))
            .Increment(bucketKey, optionId, change)
            .ExpireAfterwards(bucketKey, Lifetime)
            .SortedSetAddAfterwards(index, bucket, bucket)
            .ExpireAfterwards(index, Lifetime)
            .SortedSetTrimAfterwards(index, bucket - RetainedBuckets);
    }
}
