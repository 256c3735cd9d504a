using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Views.Redis;

namespace Tally.Views.Tests.Support;

/// <summary>
/// The run's Redis (<see cref="SharedRedis"/>): one connection for all tests of a class; each test works under its own
/// key prefix, so tests share Redis and run in parallel.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public ConnectionMultiplexer Connection { get; } = ConnectionMultiplexer.Connect(SharedRedis.ConnectionString);

    public IDatabase Database => Connection.GetDatabase();

    public RedisViewStore Store(string prefix, LeaderEpoch? epoch = null) =>
        new(Connection, Options.Create(new RedisViewsOptions { KeyPrefix = prefix }), epoch ?? new LeaderEpoch());

    /// <summary>Removes every key stored under the prefix.</summary>
    public Task DeleteAsync(string prefix) => SharedRedis.DeleteKeysAsync(Connection, prefix);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
