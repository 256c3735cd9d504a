namespace Tally.Server.Limits;

/// <summary>Where the token buckets live: this node's memory, or Redis shared by every node.</summary>
public interface ITokenBuckets
{
    /// <summary>
    /// Takes a token from each bucket in order, stopping at the first empty one; the buckets before it keep the
    /// tokens they gave (a refused request still spent them, as it would have at any single bucket).
    /// </summary>
    /// <returns>null when every bucket gave a token; otherwise how long until the empty one has a token again.</returns>
    ValueTask<TimeSpan?> TakeAsync(IReadOnlyList<BucketKey> keys);
}
