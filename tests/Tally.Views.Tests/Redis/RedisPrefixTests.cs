using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>Tests that work under a key prefix of their own in the shared Redis, removed afterwards, on a log of their own.</summary>
public abstract class RedisPrefixTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private protected RedisServer Redis => redis;

    private protected string Prefix { get; } = SharedRedis.NewKeyPrefix();

    private protected EventScript Log { get; } = new();

    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await redis.DeleteAsync(Prefix);
        GC.SuppressFinalize(this);
    }
}
