using System.Globalization;
using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// Publishes a node's mark on the change channel with the announcing view's checkpoint read in the same atomic step:
/// every chunk announced after the mark moved the checkpoint above it (<see cref="AnnouncedChanges.Trust"/>).
/// </summary>
internal static class MarkScript
{
    /// <summary>Starts every mark message: "mark:node-id:token:checkpoint".</summary>
    public const string Prefix = "mark:";

    // KEYS[1] generations hash, KEYS[2] the checkpoint of the generation ARGV[2] (or none). ARGV: projection, generation
    // ('' = none yet), channel, the message up to its checkpoint. A generation that moved meanwhile marks nothing.
    private const string Source = """
        local active = redis.call('HGET', KEYS[1], ARGV[1]) or ''
        if active ~= ARGV[2] then return false end
        local checkpoint = '0'
        if active ~= '' then checkpoint = redis.call('GET', KEYS[2]) or '0' end
        redis.call('PUBLISH', ARGV[3], ARGV[4] .. checkpoint)
        return checkpoint
        """;

    /// <returns>false when the generation moved between reading its pointer and marking; mark again.</returns>
    public static async Task<bool> RunAsync(RedisViewStore store, string projection, long token)
    {
        var active = await store.Database.HashGetAsync(store.Keys.Generations, projection).ConfigureAwait(false);
        var generation = active.IsNull ? null : store.Keys.Generation(active!);
        RedisKey[] keys = [store.Keys.Generations, generation?.Checkpoint ?? store.Keys.Generations];
        RedisValue[] args =
        [
            projection,
            generation?.Id ?? "",
            store.Keys.Changes.ToString(),
            $"{Prefix}{store.NodeId:N}:{token.ToString(CultureInfo.InvariantCulture)}:",
        ];
        return !(await store.Database.ScriptEvaluateAsync(Source, keys, args).ConfigureAwait(false)).IsNull;
    }

    /// <summary>This node's mark: the token it was sent with and the checkpoint; null for another node's or another message.</summary>
    public static (long Token, long Checkpoint)? Parse(Guid nodeId, string message)
    {
        var parts = message.Split(':');
        return parts.Length == 4 && parts[0] + ":" == Prefix && Guid.TryParseExact(parts[1], "N", out var node) && node == nodeId
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var token)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var checkpoint)
                ? (token, checkpoint)
                : null;
    }
}
