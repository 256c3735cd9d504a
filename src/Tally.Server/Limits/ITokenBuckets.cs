namespace Tally.Server.Limits;

/// <summary>Where the token buckets live: this node's memory, or Redis shared by every node.</summary>
public interface ITokenBuckets
{
    /// <summary>
    /// Takes a token from every bucket, or from none: a request one bucket refuses spends nothing from the others (a
    /// busy address must not drain the buckets of the voters behind it).
    /// </summary>
    /// <returns>null when every bucket gave a token; otherwise how long until every empty one has a token again (the longest wait).</returns>
    ValueTask<TimeSpan?> TakeAsync(IReadOnlyList<BucketKey> keys);
}
