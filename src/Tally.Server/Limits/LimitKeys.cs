using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>The Redis keys of the limiters, under the views' prefix (the same hash tag, so a deployment stays in one slot).</summary>
public sealed class LimitKeys(string prefix)
{
    private readonly string _root = "{" + prefix + "}:limits:";

    /// <summary>A hash: "tokens" and "at" (when the last whole period was added, Redis time in ms).</summary>
    public RedisKey Bucket(BucketKey key) => $"{_root}bucket:{key.Bucket.Name}:{key.Subject}";

    /// <summary>A counter of recent failed logins, expiring a window after the last one.</summary>
    public RedisKey Failures(string key) => $"{_root}failures:{key}";

    /// <summary>Present while the key is locked out; its time to live is what is left of the lockout.</summary>
    public RedisKey Lock(string key) => $"{_root}lock:{key}";
}
