using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>What every Redis projection shares: the one connection, the key names, the fencing epoch and this node's id.</summary>
public sealed class RedisViewStore(IConnectionMultiplexer redis, IOptions<RedisViewsOptions> options, LeaderEpoch epoch)
{
    public IConnectionMultiplexer Connection => redis;

    public IDatabase Database { get; } = redis.GetDatabase();

    public RedisKeys Keys { get; } = new(options.Value.KeyPrefix);

    public LeaderEpoch Epoch => epoch;

    /// <summary>Tells this node's own change announcements apart from other nodes', which arrive over pub/sub.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();
}
