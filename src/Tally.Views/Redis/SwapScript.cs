using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// Points a projection at another generation in one atomic step, for a shadow's swap and for a forget: checks the fencing
/// epoch and, for a swap, that the live generation is still the one the shadow was made against and that the shadow got
/// exactly as far; moves the pointer, retires the former generation (deleted after the grace period) and announces the
/// move, so every node reads the new generation from then on.
/// </summary>
internal static class SwapScript
{
    // KEYS[1] generations, KEYS[2] epoch, KEYS[3] retired set, KEYS[4] the new generation's checkpoint, KEYS[5] the live
    // one's. ARGV: projection, the generation the pointer must hold ('' = any, or none), the new generation, epoch, retire
    // at (Unix ms), channel, the generations message, a changed-polls message ('' = none), '1' to require equal checkpoints.
    private const string Source = """
        local name, pointer, fresh, epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        """ + FenceScript.Check + """
        local active = redis.call('HGET', KEYS[1], name)
        if pointer ~= '' and active ~= pointer then return {'lost', active or ''} end
        if ARGV[9] == '1' then
          local live = redis.call('GET', KEYS[5]) or '0'
          if (redis.call('GET', KEYS[4]) or '0') ~= live then return {'stale', live} end
        end
        """ + FenceScript.Raise + """
        redis.call('HSET', KEYS[1], name, fresh)
        if active then redis.call('ZADD', KEYS[3], ARGV[5], active) end
        redis.call('PUBLISH', ARGV[6], ARGV[7])
        if ARGV[8] ~= '' then redis.call('PUBLISH', ARGV[6], ARGV[8]) end
        return {'applied', fresh}
        """;

    /// <param name="live">For a swap, the generation the shadow replaces: the pointer must still name it. Null for a forget.</param>
    public static async Task<ApplyOutcome> RunAsync(
        RedisViewStore store, string projection, GenerationKeys fresh, GenerationKeys? live, string? announcement)
    {
        RedisKey[] keys = [store.Keys.Generations, store.Keys.LeaderEpoch, store.Keys.Retired, fresh.Checkpoint, (live ?? fresh).Checkpoint];
        RedisValue[] args =
        [
            projection,
            live?.Id ?? "",
            fresh.Id,
            store.Epoch.Current is { } epoch ? epoch : RedisValue.EmptyString,
            store.Generations.RetireAt,
            store.Keys.Changes.ToString(),
            ChangeAnnouncement.GenerationsMoved,
            announcement ?? RedisValue.EmptyString,
            live is null ? "0" : "1",
        ];
        return ApplyOutcome.Of(await store.Database.ScriptEvaluateAsync(Source, keys, args).ConfigureAwait(false));
    }
}
