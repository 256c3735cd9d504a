using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The names of the keys the Redis views share. The prefix is wrapped in braces, a Redis Cluster hash tag, so all keys of
/// one deployment share a slot and a script may touch any of them in one atomic call. A view's own data lives under its
/// active generation (<see cref="Generation"/>), so a rebuild writes beside it and a lost key set is noticed.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    private readonly string _root = "{" + prefix + "}:";

    /// <summary>Matches every key of this prefix (braces are not special in Redis patterns).</summary>
    public string Pattern => _root + "*";

    /// <summary>The fencing token: only a writer that knows the current epoch may apply.</summary>
    public RedisKey LeaderEpoch => _root + "leader-epoch";

    /// <summary>Ids of polls whose results changed, and generation swaps, published for every node.</summary>
    public RedisChannel Changes => RedisChannel.Literal(_root + "changes");

    /// <summary>A hash: projection name → the id of its active generation, the one readers read and the leader writes.</summary>
    public RedisKey Generations => _root + "generations";

    /// <summary>A hash: "generation", "ledger", "checkpoint", "hash" — the views stamp (<see cref="RedisViewsStamp"/>).</summary>
    public RedisKey Stamp => _root + "stamp";

    /// <summary>A sorted set of generations no longer active, scored by when (Unix ms) their keys may be deleted.</summary>
    public RedisKey Retired => _root + "retired";

    /// <summary>The keys of one generation of one projection.</summary>
    public GenerationKeys Generation(string id) => new(_root, id);
}
