namespace Tally.Views.Delta;

/// <summary>Votes are counted into fixed time buckets by commit time; a window is answered by summing whole buckets.</summary>
public static class DeltaBuckets
{
    public static readonly TimeSpan Width = TimeSpan.FromSeconds(5);

    /// <summary>How far back windows may reach; older buckets are dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How many buckets before the newest one are kept.</summary>
    public static readonly long RetainedBuckets = Retention.Ticks / Width.Ticks;

    public static long BucketOf(DateTimeOffset at) => at.UtcTicks / Width.Ticks;

    public static DateTimeOffset StartOf(long bucket) => new(bucket * Width.Ticks, TimeSpan.Zero);

    /// <summary>The oldest bucket still kept once <paramref name="newest"/> is counted into: no window reaches further back.</summary>
    public static long OldestKeptWith(long newest) => newest - RetainedBuckets;
}
