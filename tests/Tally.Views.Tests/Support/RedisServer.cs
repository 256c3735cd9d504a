using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Views.Redis;

namespace Tally.Views.Tests.Support;

/// <summary>
/// The Redis the tests run against, named by TALLY_TEST_REDIS (host:port; scripts/test-services.sh starts one). One
/// connection for all tests of a class; each test works under its own key prefix, so tests share Redis and run in parallel.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "TALLY_TEST_REDIS";

    public RedisServer()
    {
        var endpoint = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: the Redis view tests need a Redis (host:port). " +
                "Run them through scripts/test.sh, or: source scripts/test-services.sh && test_services_start.");
        }
        Connection = ConnectionMultiplexer.Connect(endpoint);
    }

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static string NewPrefix() => $"test-{Guid.NewGuid():N}";

    public RedisViewStore Store(string prefix, LeaderEpoch? epoch = null) =>
        new(Connection, Options.Create(new RedisViewsOptions { KeyPrefix = prefix }), epoch ?? new LeaderEpoch());

    /// <summary>Removes every key stored under the prefix.</summary>
    public async Task DeleteAsync(string prefix)
    {
        var pattern = new RedisKeys(prefix).Pattern;
        foreach (var endpoint in Connection.GetEndPoints())
        {
            var keys = new List<RedisKey>();
            await foreach (var key in Connection.GetServer(endpoint).KeysAsync(pattern: pattern, pageSize: 1000))
            {
                keys.Add(key);
            }
            if (keys.Count > 0)
            {
                await Database.KeyDeleteAsync(keys.ToArray());
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
