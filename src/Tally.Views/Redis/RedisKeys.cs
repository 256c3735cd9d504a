using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The names of every key the Redis views use. The prefix is wrapped in braces, a Redis Cluster hash tag, so all keys of
/// one deployment share a slot and the apply script may touch any of them in one atomic call.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    private readonly string _root = "{" + prefix + "}:";

    /// <summary>Matches every key of this prefix (braces are not special in Redis patterns).</summary>
    public string Pattern => _root + "*";

    /// <summary>A hash: projection name → the last sequence it applied.</summary>
    public RedisKey Checkpoints => _root + "checkpoints";

    /// <summary>The fencing token: only a writer that knows the current epoch may apply.</summary>
    public RedisKey LeaderEpoch => _root + "leader-epoch";

    /// <summary>Ids of polls whose results changed, published for live streams on every node.</summary>
    public RedisChannel Changes => RedisChannel.Literal(_root + "changes");

    /// <summary>A hash: option id → votes, "total", "poll" (the results header as JSON) and "closed_at".</summary>
    public RedisKey Results(Guid pollId) => $"{_root}results:{pollId:N}";

    /// <summary>Matches every results key.</summary>
    public string AllResults => _root + "results:*";

    /// <summary>Matches every heatmap key.</summary>
    public string AllHeatmaps => _root + "heatmap:*";

    /// <summary>Matches every key of the delta view.</summary>
    public string AllDeltas => _root + "delta:*";

    /// <summary>Matches every voter-status key.</summary>
    public string AllVoters => _root + "voters:*";

    /// <summary>Matches every catalogue entry (<see cref="Poll"/>); the catalogue's indexes are <see cref="AllPollIndexes"/>.</summary>
    public string AllPolls => _root + "poll:*";

    /// <summary>Matches the catalogue's indexes: by creation, by word prefix, long words.</summary>
    public string AllPollIndexes => _root + "polls:*";

    /// <summary>A hash: "regions" (declared, as JSON), "options", and "{option}:{region}" → votes.</summary>
    public RedisKey Heatmap(Guid pollId) => $"{_root}heatmap:{pollId:N}";

    /// <summary>The poll's option count; its presence says the delta view knows the poll.</summary>
    public RedisKey DeltaOptions(Guid pollId) => $"{_root}delta:{pollId:N}:options";

    /// <summary>A sorted set of the poll's bucket numbers (member and score), so a window finds its buckets without guessing keys.</summary>
    public RedisKey DeltaIndex(Guid pollId) => $"{_root}delta:{pollId:N}:buckets";

    /// <summary>A hash: option id → net votes in one time bucket.</summary>
    public RedisKey DeltaBucket(Guid pollId, long bucket) => $"{_root}delta:{pollId:N}:{bucket}";

    /// <summary>A hash: voter id → the live ballot.</summary>
    public RedisKey Voters(Guid pollId) => $"{_root}voters:{pollId:N}";

    /// <summary>A hash: "poll" (JSON) and "closed_at".</summary>
    public RedisKey Poll(Guid pollId) => $"{_root}poll:{pollId:N}";

    /// <summary>A sorted set of poll ids scored by the sequence of their creation.</summary>
    public RedisKey PollsByCreation => _root + "polls:by-creation";

    /// <summary>A sorted set of the ids of polls whose titles have a word starting with <paramref name="prefix"/> (folded, as
    /// <see cref="Catalog.TitleWords"/> reads words), scored by the sequence of their creation.</summary>
    public RedisKey PollsByWordPrefix(string prefix) => $"{_root}polls:word:{prefix}";

    /// <summary>
    /// A hash: poll id → its title's words longer than the indexed prefix, each after a space (" word word"), for polls
    /// that have any; a search word that long is checked against them.
    /// </summary>
    public RedisKey PollLongWords => _root + "polls:long-words";
}
