using StackExchange.Redis;

namespace Tally.Server.Limits;

/// <summary>
/// Token buckets in Redis, so every node takes from the same buckets, timed by Redis's own clock (nodes' clocks may
/// differ). The requests that arrive while one script call is in flight go together in the next, as votes share a
/// commit: a crowd of voters costs a round trip and a script run per call, not per request. When Redis cannot answer,
/// this node's memory buckets stand in.
/// </summary>
public sealed class RedisTokenBuckets(RedisCircuit circuit, LimitKeys keys, MemoryTokenBuckets local) : ITokenBuckets
{
    // Redis runs nothing else while a script runs: a longer queue waits for the next call.
    private const int MaxRequestsPerCall = 256;

    // KEYS: every request's buckets, request after request. ARGV: the number of requests, then per request its number of
    // buckets and, for each bucket, token limit, tokens per period, period (ms). Each request in turn refills its buckets;
    // when any is empty it writes nothing and answers the longest of the empty ones' waits (ms), otherwise it takes a
    // token from each and answers 0. A later request sees what an earlier one took. Same arithmetic as TokenBucket.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local answers, p, k = {}, 2, 0
        for r = 1, tonumber(ARGV[1]) do
          local count, first = tonumber(ARGV[p]), p + 1
          p = first
          local tokens, at, wait = {}, {}, 0
          for i = 1, count do
            local limit, per, period = tonumber(ARGV[p]), tonumber(ARGV[p + 1]), tonumber(ARGV[p + 2])
            local state = redis.call('HMGET', KEYS[k + i], 'tokens', 'at')
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
            p = p + 3
          end
          if wait == 0 then
            for i = 1, count do
              local q = first + 3 * (i - 1)
              local limit, per, period = tonumber(ARGV[q]), tonumber(ARGV[q + 1]), tonumber(ARGV[q + 2])
              redis.call('HSET', KEYS[k + i], 'tokens', tokens[i] - 1, 'at', at[i])
              redis.call('PEXPIRE', KEYS[k + i], (math.ceil((limit - tokens[i] + 1) / per) + 1) * period)
            end
          end
          answers[r] = wait
          k = k + count
        end
        return answers
        """;

    private readonly Lock _queue = new();
    private List<Take> _waiting = [];
    private bool _sending;

    public ValueTask<TimeSpan?> TakeAsync(IReadOnlyList<BucketKey> buckets)
    {
        // Answered on the thread pool: the sender goes straight on to the next call.
        var take = new Take(buckets, new TaskCompletionSource<TimeSpan?>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool send;
        lock (_queue)
        {
            _waiting.Add(take);
            send = !_sending;
            _sending = true;
        }
        if (send)
        {
            _ = SendAsync();
        }
        return new(take.Answer.Task);
    }

    /// <summary>Sends what waits, one call at a time, until nothing waits.</summary>
    private async Task SendAsync()
    {
        while (NextCall() is { } call)
        {
            try
            {
                var waits = await circuit.RunAsync(database => TakeSharedAsync(database, call), () => TakeLocally(call)).ConfigureAwait(false);
                for (var i = 0; i < call.Count; i++)
                {
                    call[i].Answer.SetResult(waits[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var take in call)
                {
                    take.Answer.TrySetException(e);
                }
            }
        }
    }

    private List<Take>? NextCall()
    {
        lock (_queue)
        {
            if (_waiting.Count == 0)
            {
                _sending = false;
                return null;
            }
            if (_waiting.Count <= MaxRequestsPerCall)
            {
                var call = _waiting;
                _waiting = [];
                return call;
            }
            var first = _waiting.GetRange(0, MaxRequestsPerCall);
            _waiting.RemoveRange(0, MaxRequestsPerCall);
            return first;
        }
    }

    private async Task<TimeSpan?[]> TakeSharedAsync(IDatabase database, List<Take> call)
    {
        var keyCount = 0;
        foreach (var take in call)
        {
            keyCount += take.Buckets.Count;
        }
        var redisKeys = new RedisKey[keyCount];
        var args = new RedisValue[1 + call.Count + 3 * keyCount];
        args[0] = call.Count;
        int k = 0, a = 1;
        foreach (var take in call)
        {
            args[a++] = take.Buckets.Count;
            foreach (var bucket in take.Buckets)
            {
                var options = bucket.Bucket.Options;
                redisKeys[k++] = keys.Bucket(bucket);
                args[a++] = options.TokenLimit;
                args[a++] = options.TokensPerPeriod;
                args[a++] = options.PeriodMilliseconds;
            }
        }
        var answers = (long[])(await database.ScriptEvaluateAsync(Script, redisKeys, args).ConfigureAwait(false))!;
        var waits = new TimeSpan?[call.Count];
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i] = answers[i] == 0 ? null : TimeSpan.FromMilliseconds(answers[i]);
        }
        return waits;
    }

    private TimeSpan?[] TakeLocally(List<Take> call)
    {
        var waits = new TimeSpan?[call.Count];
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i] = local.Take(call[i].Buckets);
        }
        return waits;
    }

    private readonly record struct Take(IReadOnlyList<BucketKey> Buckets, TaskCompletionSource<TimeSpan?> Answer);
}
