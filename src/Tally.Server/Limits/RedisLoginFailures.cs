using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>
/// Failed logins in Redis, so a lockout earned on one node holds on all. This node's memory keeps the last count Redis
/// gave it and every lock it set or saw there: while Redis is away or too slow the node counts on from that count, and
/// no lock it knew of lapses.
/// </summary>
public sealed class RedisLoginFailures(RedisCircuit circuit, LimitKeys keys, MemoryLoginFailures local) : ILoginFailures
{
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return n
        """;

    // Never shortens a lockout already running.
    private const string LockScript = """
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
        end
        return 1
        """;

    public async ValueTask<TimeSpan> LockedForAsync(IReadOnlyList<string> lockKeys)
    {
        await circuit.RunAsync(async database =>
        {
            var left = await Task.WhenAll(lockKeys.Select(k => database.KeyTimeToLiveAsync(keys.Lock(k)))).ConfigureAwait(false);
            for (var i = 0; i < lockKeys.Count; i++)
            {
                if (left[i] is { } ttl && ttl > TimeSpan.Zero)
                {
                    local.Lock(lockKeys[i], ttl);
                }
            }
            return true;
        }, () => false).ConfigureAwait(false);
        return local.LockedFor(lockKeys);
    }

    public ValueTask<long> CountFailureAsync(string key, TimeSpan window) =>
        circuit.RunAsync(
            async database => local.Remember(key,
                (long)(await database.ScriptEvaluateAsync(CountScript, [keys.Failures(key)], [(long)window.TotalMilliseconds]).ConfigureAwait(false)), window),
            () => local.CountFailure(key, window));

    public async ValueTask LockAsync(string key, TimeSpan lockout)
    {
        local.Lock(key, lockout);
        await circuit.RunAsync(database => database.ScriptEvaluateAsync(LockScript, [keys.Lock(key)], [(long)lockout.TotalMilliseconds]),
            () => RedisResult.Create(1)).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string key)
    {
        local.Forget(key);
        await circuit.RunAsync(database => database.KeyDeleteAsync(keys.Failures(key)), () => false).ConfigureAwait(false);
    }
}
