using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>
/// Token buckets in Redis, so every node takes from the same buckets. One script call per request, timed by Redis's
/// own clock (nodes' clocks may differ). When Redis cannot answer, this node's memory buckets stand in.
/// </summary>
public sealed class RedisTokenBuckets(RedisCircuit circuit, LimitKeys keys, MemoryTokenBuckets local) : ITokenBuckets
{
    // KEYS: the buckets. ARGV: token limit, tokens per period, period (ms) for each. Refills every bucket first; when any
    // is empty, writes nothing and returns the longest of the empty ones' waits (ms), otherwise takes a token from each
    // and returns 0. Same arithmetic as TokenBucket.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local tokens, at, wait = {}, {}, 0
        for i, key in ipairs(KEYS) do
          local limit, per, period = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
          local state = redis.call('HMGET', key, 'tokens', 'at')
          local n, a = tonumber(state[1]), tonumber(state[2])
          if n == nil or a == nil then
            n, a = limit, now
          end
          local periods = math.floor((now - a) / period)
          if periods > 0 then
            n = math.min(limit, n + periods * per)
            a = a + periods * period
          end
          if n < 1 then
            wait = math.max(wait, a + period - now)
          end
          tokens[i], at[i] = n, a
        end
        if wait > 0 then
          return wait
        end
        for i, key in ipairs(KEYS) do
          local limit, per, period = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
          redis.call('HSET', key, 'tokens', tokens[i] - 1, 'at', at[i])
          redis.call('PEXPIRE', key, (math.ceil((limit - tokens[i] + 1) / per) + 1) * period)
        end
        return 0
        """;

    public ValueTask<TimeSpan?> TakeAsync(IReadOnlyList<BucketKey> buckets) =>
        circuit.RunAsync(database => TakeSharedAsync(database, buckets), () => local.Take(buckets));

    private async Task<TimeSpan?> TakeSharedAsync(IDatabase database, IReadOnlyList<BucketKey> buckets)
    {
        var redisKeys = new RedisKey[buckets.Count];
        var args = new RedisValue[buckets.Count * 3];
        for (var i = 0; i < buckets.Count; i++)
        {
            var options = buckets[i].Bucket.Options;
            redisKeys[i] = keys.Bucket(buckets[i]);
            args[3 * i] = options.TokenLimit;
            args[3 * i + 1] = options.TokensPerPeriod;
            args[3 * i + 2] = options.PeriodMilliseconds;
        }
        var wait = (long)(await database.ScriptEvaluateAsync(Script, redisKeys, args).ConfigureAwait(false));
        return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
    }
}
