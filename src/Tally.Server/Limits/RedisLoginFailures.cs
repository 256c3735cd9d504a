using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>Failed logins in Redis, so a lockout earned on one node holds on all; this node's memory stands in while Redis is away.</summary>
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

    public ValueTask<TimeSpan> LockedForAsync(IReadOnlyList<string> lockKeys) =>
        circuit.RunAsync(async database =>
        {
            var left = await Task.WhenAll(lockKeys.Select(k => database.KeyTimeToLiveAsync(keys.Lock(k)))).ConfigureAwait(false);
            return left.Max(l => l ?? TimeSpan.Zero);
        }, () => local.LockedFor(lockKeys));

    public ValueTask<long> CountFailureAsync(string key, TimeSpan window) =>
        circuit.RunAsync(
            async database => (long)(await database.ScriptEvaluateAsync(CountScript, [keys.Failures(key)], [(long)window.TotalMilliseconds]).ConfigureAwait(false)),
            () => local.CountFailure(key, window));

    public async ValueTask LockAsync(string key, TimeSpan lockout) =>
        await circuit.RunAsync(database => database.ScriptEvaluateAsync(LockScript, [keys.Lock(key)], [(long)lockout.TotalMilliseconds]), () =>
        {
            local.Lock(key, lockout);
            return RedisResult.Create(1);
        }).ConfigureAwait(false);

    public async ValueTask ForgetAsync(string key) =>
        await circuit.RunAsync(database => database.KeyDeleteAsync(keys.Failures(key)), () =>
        {
            local.Forget(key);
            return true;
        }).ConfigureAwait(false);
}
