namespace Tally.Views.Delta;

/// <summary>Votes are counted into fixed time buckets by commit time; a window is answered by summing whole buckets.</summary>
public static class DeltaBuckets
{
    public static readonly TimeSpan Width = TimeSpan.FromSeconds(5);

    /// <summary>How far back windows may reach; older buckets are dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static long BucketOf(DateTimeOffset at) => at.UtcTicks / Width.Ticks;

    public static DateTimeOffset StartOf(long bucket) => new(bucket * Width.Ticks, TimeSpan.Zero);
}

/// <summary>Net votes gained per option between <see cref="From"/> (bucket-aligned) and <see cref="To"/>.</summary>
public sealed record PollDelta(Guid PollId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long> Votes, long Total);
