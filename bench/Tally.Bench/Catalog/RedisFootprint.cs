using System.Globalization;
using StackExchange.Redis;
using Tally.Views.Redis;

namespace Tally.Bench.Catalog;

/// <summary>The Redis the views are measured on: how much memory it uses, and removing a run's keys afterwards.</summary>
public sealed class RedisFootprint(ConnectionMultiplexer redis) : IAsyncDisposable
{
    public static async Task<RedisFootprint> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // INFO is an admin command to StackExchange.Redis.
        options.AllowAdmin = true;
        return new(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>INFO memory's used_memory: the bytes Redis has allocated for its data.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = await Server.InfoAsync("memory");
        var used = info.SelectMany(section => section).First(entry => entry.Key == "used_memory").Value;
        return long.Parse(used, CultureInfo.InvariantCulture);
    }

    public async Task DeleteAsync(string keyPrefix)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in Server.KeysAsync(pattern: new RedisKeys(keyPrefix).Pattern, pageSize: 1000))
        {
            keys.Add(key);
        }
        foreach (var chunk in keys.Chunk(1000))
        {
            await redis.GetDatabase().KeyDeleteAsync(chunk);
        }
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();

    private IServer Server => redis.GetServer(redis.GetEndPoints()[0]);
}
