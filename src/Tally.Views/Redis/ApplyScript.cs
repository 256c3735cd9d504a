using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The one write path of a Redis view's data: a Lua script that, for one projection and one chunk of events, checks the
/// fencing epoch (<see cref="FenceScript"/>), that the projection's active generation is the one the writer was made
/// against, and the expected checkpoint; applies the chunk's changes to the written generation, moves its checkpoint and
/// announces the changed polls — all in one atomic step, so counters and checkpoint can never disagree after a crash, and
/// a writer whose generation is gone (FLUSHALL, a swap elsewhere) changes nothing. A repair passes no checkpoint: it is
/// neither checked nor moved.
/// </summary>
internal static class ApplyScript
{
    // KEYS[1] generations hash, KEYS[2] epoch key, KEYS[3] the written generation's checkpoint, KEYS[4..] the keys the
    // operations name by index. ARGV: projection, the generation the pointer must hold, expected checkpoint ('' = repair),
    // next checkpoint, epoch ('' = unfenced), channel, message ('' = none), then operations: name, key index, arguments
    // (as many as the arity table says); 'guard k n' skips the next n operations when KEYS[k] does not exist.
    private const string Source = """
        local name, pointer, expected, nextcp, epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
        """ + FenceScript.Check + """
        local active = redis.call('HGET', KEYS[1], name)
        if active ~= pointer then return {'lost', active or ''} end
        if expected ~= '' then
          local current = redis.call('GET', KEYS[3]) or '0'
          if current ~= expected then return {'stale', current} end
        end
        """ + FenceScript.Raise + """
        local arity = {guard = 1, del = 0, set = 1, hset = 2, hdel = 1, hincrby = 2, zadd = 2, expire = 1, zremrangebyscore = 2}
        local n = #ARGV
        local i = 8
        while i <= n do
          local a = arity[ARGV[i]]
          if a == nil then return redis.error_reply('tally apply: unknown operation ' .. tostring(ARGV[i])) end
          i = i + 2 + a
        end
        local skip = 0
        i = 8
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
        if expected ~= '' then redis.call('SET', KEYS[3], nextcp) end
        if ARGV[7] ~= '' then redis.call('PUBLISH', ARGV[6], ARGV[7]) end
        return {'applied', nextcp}
        """;

    /// <summary>
    /// Runs the script. StackExchange.Redis keeps the script's SHA per server and sends EVALSHA, falling back to EVAL
    /// (which loads it) only when the server does not know it yet, e.g. after a restart.
    /// </summary>
    /// <param name="pointer">The generation the projection's pointer must name: the written one, or for a shadow the live one it was made against.</param>
    /// <param name="expected">The checkpoint the written generation must hold; null for a repair, which moves none.</param>
    public static async Task<ApplyOutcome> RunAsync(
        IDatabaseAsync database,
        RedisKeys keys,
        string projection,
        GenerationKeys written,
        string pointer,
        long? expected,
        long next,
        long? epoch,
        string? announcement,
        ChangeSet changes)
    {
        var operationKeys = changes.Keys;
        var allKeys = new RedisKey[ChangeSet.FirstOperationKey - 1 + operationKeys.Count];
        allKeys[0] = keys.Generations;
        allKeys[1] = keys.LeaderEpoch;
        allKeys[2] = written.Checkpoint;
        for (var i = 0; i < operationKeys.Count; i++)
        {
            allKeys[ChangeSet.FirstOperationKey - 1 + i] = operationKeys[i];
        }
        var args = new RedisValue[7 + changes.OperationsLength];
        args[0] = projection;
        args[1] = pointer;
        args[2] = expected is { } e ? e : RedisValue.EmptyString;
        args[3] = next;
        args[4] = epoch is { } mine ? mine : RedisValue.EmptyString;
        args[5] = keys.Changes.ToString();
        args[6] = announcement ?? RedisValue.EmptyString;
        changes.WriteOperations(args.AsSpan(7));
        return ApplyOutcome.Of(await database.ScriptEvaluateAsync(Source, allKeys, args).ConfigureAwait(false));
    }
}
