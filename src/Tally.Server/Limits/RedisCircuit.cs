using StackExchange.Redis;
using Tally.Server.Hosting;

namespace Tally.Server.Limits;

/// <summary>
/// Decides whether the limiters ask Redis. While Redis is disconnected, and for a while after it failed or answered too
/// slowly, every request uses this node's own limiter instead: never no limit, and never a request waiting out a timeout
/// for a Redis that is known to be away.
/// </summary>
public sealed partial class RedisCircuit(IConnectionMultiplexer redis, LimitsOptions options, ILogger<RedisCircuit> logger)
{
    private readonly IDatabase _database = redis.GetDatabase();
    private long _openUntil;

    /// <summary>Runs <paramref name="shared"/> against Redis when it is usable, otherwise (or when it fails) <paramref name="local"/>.</summary>
    public async ValueTask<T> RunAsync<T>(Func<IDatabase, Task<T>> shared, Func<T> local)
    {
        if (Environment.TickCount64 < Volatile.Read(ref _openUntil) || !redis.IsConnected)
        {
            return local();
        }
        try
        {
            return await shared(_database).WaitAsync(options.Redis.Timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Trip(e);
            return local();
        }
    }

    private void Trip(Exception e)
    {
        var now = Environment.TickCount64;
        var previous = Interlocked.Exchange(ref _openUntil, now + (long)options.Redis.RetryInterval.TotalMilliseconds);
        if (previous <= now)
        {
            logger.LimiterFallback(options.Redis.RetryInterval, e.Message);
        }
    }
}
