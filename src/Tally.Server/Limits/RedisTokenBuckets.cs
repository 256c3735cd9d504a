using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>
/// Token buckets in Redis, so every node takes from the same buckets. One script call per request, timed by Redis's
/// own clock (nodes' clocks may differ). When Redis cannot answer, this node's memory buckets stand in.
/// </summary>
public sealed class RedisTokenBuckets(RedisCircuit circuit, LimitKeys keys, MemoryTokenBuckets local) : ITokenBuckets
{
    // KEYS: the buckets in order. ARGV: token limit, tokens per period, period (ms) for each. Returns 0 when every bucket
    // gave a token, otherwise the ms until the first empty one refills. Same arithmetic as TokenBucket.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        for i, key in ipairs(KEYS) do
          local limit, per, period = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
          local state = redis.call('HMGET', key, 'tokens', 'at')
          local tokens, at = tonumber(state[1]), tonumber(state[2])
          if tokens == nil or at == nil then
            tokens, at = limit, now
          end
          local periods = math.floor((now - at) / period)
          if periods > 0 then
            tokens = math.min(limit, tokens + periods * per)
            at = at + periods * period
          end
          if tokens < 1 then
            return at + period - now
          end
          redis.call('HSET', key, 'tokens', tokens - 1, 'at', at)
          redis.call('PEXPIRE', key, (math.ceil((limit - tokens + 1) / per) + 1) * period)
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
