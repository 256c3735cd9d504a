using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// What every Redis projection shares: the one connection, the key names, this node's view of the active generations,
/// the fencing epoch and this node's id.
/// </summary>
public sealed class RedisViewStore
{
    public RedisViewStore(IConnectionMultiplexer redis, IOptions<RedisViewsOptions> options, LeaderEpoch epoch)
    {
        Connection = redis;
        Database = redis.GetDatabase();
        Keys = new RedisKeys(options.Value.KeyPrefix);
        Epoch = epoch;
        Generations = new RedisGenerations(redis, Database, Keys, options.Value.GenerationRefresh, options.Value.GenerationGrace);
    }

    public IConnectionMultiplexer Connection { get; }

    public IDatabase Database { get; }

    public RedisKeys Keys { get; }

    public RedisGenerations Generations { get; }

    public LeaderEpoch Epoch { get; }

    /// <summary>What this node heard on the change channel, for its near cache (<see cref="NearPolls{T}"/>).</summary>
    public AnnouncedChanges Announced { get; } = new();

    /// <summary>Tells this node's own change announcements apart from other nodes', which arrive over pub/sub.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();
}
