using System.Collections.Concurrent;

namespace Tally.Server.Limits;

/// <summary>
/// Token buckets in this node's memory: the embedded mode's limiter, and every node's fallback while Redis is away.
/// A bucket that has refilled completely is the same as no bucket, so a periodic sweep forgets those.
/// </summary>
public sealed class MemoryTokenBuckets : ITokenBuckets, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Bucket, string Subject), (TokenBucket State, BucketOptions Options)> _buckets = new();
    private readonly Timer _sweep;

    public MemoryTokenBuckets()
    {
        _sweep = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public ValueTask<TimeSpan?> TakeAsync(IReadOnlyList<BucketKey> keys) => ValueTask.FromResult(Take(keys));

    /// <summary>
    /// Takes from each bucket under its own lock and, when any refused, gives the taken tokens back: all or nothing
    /// without holding several locks at once. A request racing this one may meanwhile see a bucket one token short.
    /// </summary>
    public TimeSpan? Take(IReadOnlyList<BucketKey> keys)
    {
        var now = Environment.TickCount64;
        var taken = new TokenBucket[keys.Count];
        long? wait = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var (state, refused) = TakeOne(keys[i], now);
            if (refused is { } w)
            {
                wait = Math.Max(wait ?? 0, w);
            }
            else
            {
                taken[i] = state;
            }
        }
        if (wait is null)
        {
            return null;
        }
        for (var i = 0; i < keys.Count; i++)
        {
            if (taken[i] is { } state)
            {
                lock (state)
                {
                    state.GiveBack(keys[i].Bucket.Options);
                }
            }
        }
        return TimeSpan.FromMilliseconds(wait.Value);
    }

    private (TokenBucket State, long? Wait) TakeOne(BucketKey key, long now)
    {
        while (true)
        {
            var options = key.Bucket.Options;
            var (state, _) = _buckets.GetOrAdd(
                (key.Bucket.Name, key.Subject), static (_, fresh) => (new TokenBucket(fresh.Options.TokenLimit, fresh.Now), fresh.Options), (Options: options, Now: now));
            lock (state)
            {
                if (!state.Retired)
                {
                    return (state, state.TryTake(options, now));
                }
            }
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var entry in _buckets)
        {
            var (state, options) = entry.Value;
            lock (state)
            {
                if (state.IsFull(options, now))
                {
                    state.Retired = true;
                    _buckets.TryRemove(entry);
                }
            }
        }
    }

    public void Dispose() => _sweep.Dispose();
}
