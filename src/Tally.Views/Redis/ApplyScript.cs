using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The one write path of the Redis views: a Lua script that, for one projection and one chunk of events, checks the
/// fencing epoch (refused when a higher one is stored; a missing or lower one is raised to it) and the expected
/// checkpoint, applies the chunk's changes, moves the checkpoint and announces the changed
/// polls — all in one atomic step, so counters and checkpoint can never disagree after a crash. The checks come before
/// any write, so a refused chunk changes nothing.
/// </summary>
internal static class ApplyScript
{
    // KEYS[1] checkpoints hash, KEYS[2] epoch key, KEYS[3..] the keys the operations name by index.
    // ARGV: projection, expected checkpoint, next checkpoint, epoch ('' = unfenced), channel, message ('' = none),
    // then operations: name, key index, arguments (as many as the arity table says); 'guard k n' skips the next n
    // operations when KEYS[k] does not exist.
    private const string Source = """
        local name, expected, nextcp, epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local raise = false
        if epoch ~= '' then
          local stored = redis.call('GET', KEYS[2])
          local mine = tonumber(epoch)
          if mine < 1 or (stored and tonumber(stored) > mine) then return {'fenced', stored or ''} end
          raise = stored ~= epoch
        end
        local current = redis.call('HGET', KEYS[1], name) or '0'
        if current ~= expected then return {'stale', current} end
        if raise then redis.call('SET', KEYS[2], epoch) end
        local arity = {guard = 1, del = 0, set = 1, hset = 2, hdel = 1, hincrby = 2, zadd = 2, expire = 1, zremrangebyscore = 2}
        local n = #ARGV
        local i = 7
        while i <= n do
          local a = arity[ARGV[i]]
          if a == nil then return redis.error_reply('tally apply: unknown operation ' .. tostring(ARGV[i])) end
          i = i + 2 + a
        end
        local skip = 0
        i = 7
        while i <= n do
          local op, key = ARGV[i], KEYS[tonumber(ARGV[i + 1])]
          local a = arity[op]
          if skip > 0 then
            skip = skip - 1
          elseif op == 'guard' then
            if redis.call('EXISTS', key) == 0 then skip = tonumber(ARGV[i + 2]) end
          else
            redis.call(op, key, unpack(ARGV, i + 2, i + 1 + a))
          end
          i = i + 2 + a
        end
        redis.call('HSET', KEYS[1], name, nextcp)
        if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
        return {'applied', nextcp}
        """;

    /// <summary>
    /// Runs the script. StackExchange.Redis keeps the script's SHA per server and sends EVALSHA, falling back to EVAL
    /// (which loads it) only when the server does not know it yet, e.g. after a restart.
    /// </summary>
    public static async Task<ApplyOutcome> RunAsync(
        IDatabaseAsync database,
        RedisKeys keys,
        string projection,
        long expected,
        long next,
        long? epoch,
        string? announcement,
        ChangeSet changes)
    {
        var (operationKeys, operations) = changes.Build();
        var allKeys = new RedisKey[2 + operationKeys.Count];
        allKeys[0] = keys.Checkpoints;
        allKeys[1] = keys.LeaderEpoch;
        for (var i = 0; i < operationKeys.Count; i++)
        {
            allKeys[2 + i] = operationKeys[i];
        }
        var args = new RedisValue[6 + operations.Count];
        args[0] = projection;
        args[1] = expected;
        args[2] = next;
        args[3] = epoch is { } e ? e : RedisValue.EmptyString;
        args[4] = keys.Changes.ToString();
        args[5] = announcement ?? RedisValue.EmptyString;
        for (var i = 0; i < operations.Count; i++)
        {
            args[6 + i] = operations[i];
        }
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(Source, allKeys, args).ConfigureAwait(false))!;
        var state = (string)result[0]!;
        var value = (string?)result[1] ?? "";
        return state switch
        {
            "applied" => new ApplyOutcome(ApplyStatus.Applied, value),
            "stale" => new ApplyOutcome(ApplyStatus.StaleCheckpoint, value),
            "fenced" => new ApplyOutcome(ApplyStatus.Fenced, value),
            _ => throw new InvalidOperationException($"The apply script answered '{state}'."),
        };
    }
}
