using StackExchange.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

internal static class RedisSnapshot
{
    /// <summary>How many keys are stored under <paramref name="prefix"/>.</summary>
    public static async Task<int> KeyCountAsync(RedisServer redis, string prefix) =>
        (await OfAsync(redis, new Tally.Views.Redis.RedisKeys(prefix).Pattern)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Every key matching <paramref name="pattern"/> with its type and content, as text.</summary>
    public static async Task<string> OfAsync(RedisServer redis, string pattern)
    {
        var db = redis.Database;
        var lines = new List<string>();
        foreach (var endpoint in redis.Connection.GetEndPoints())
        {
            await foreach (var key in redis.Connection.GetServer(endpoint).KeysAsync(pattern: pattern))
            {
                var type = await db.KeyTypeAsync(key);
                var content = type switch
                {
                    RedisType.Hash => string.Join(",", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}").Order()),
                    RedisType.SortedSet => string.Join(",", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}@{e.Score}")),
                    _ => (string?)await db.StringGetAsync(key),
                };
                lines.Add($"{key} {type} {content}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
