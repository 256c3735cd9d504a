using StackExchange.Redis;
using Tally.Views.Redis;

namespace Tally.Testing;

/// <summary>
/// The Redis that scripts/test-services.sh starts for the run, named by <c>TALLY_TEST_REDIS</c> (host:port). Tests share
/// it, each under a key prefix of its own.
/// </summary>
public static class SharedRedis
{
    public const string Variable = "TALLY_TEST_REDIS";

    public static string ConnectionString => TestServices.Require(Variable);

    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}";

    /// <summary>Removes every key stored under the prefix.</summary>
    public static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string prefix)
    {
        var pattern = new RedisKeys(prefix).Pattern;
        foreach (var endpoint in redis.GetEndPoints())
        {
            var keys = new List<RedisKey>();
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: pattern, pageSize: 1000))
            {
                keys.Add(key);
            }
            if (keys.Count > 0)
            {
                await redis.GetDatabase().KeyDeleteAsync(keys.ToArray());
            }
        }
    }
}
