using StackExchange.Redis;

namespace Tally.Views.Redis;

/// <summary>
/// The keys of one generation of a projection: "{prefix}:g:{id}:…". Each projection has generations of its own, so one
/// generation only ever holds one projection's keys and is dropped as a whole by <see cref="Pattern"/>.
/// </summary>
public sealed class GenerationKeys(string root, string id)
{
    private readonly string _root = $"{root}g:{id}:";

    public string Id => id;

    /// <summary>Matches every key of this generation.</summary>
    public string Pattern => _root + "*";

    /// <summary>The last sequence this generation applied.</summary>
    public RedisKey Checkpoint => _root + "checkpoint";

    /// <summary>A hash: option id → votes, "total", "poll" (the results header as JSON), "closed_at" and "admin_changed_at".</summary>
    public RedisKey Results(Guid pollId) => $"{_root}results:{pollId:N}";

    /// <summary>A hash: "regions" (declared, as JSON), "options", and "{option}:{region}" → votes.</summary>
    public RedisKey Heatmap(Guid pollId) => $"{_root}heatmap:{pollId:N}";

    /// <summary>The poll's option count; its presence says the delta view knows the poll.</summary>
    public RedisKey DeltaOptions(Guid pollId) => $"{_root}delta:{pollId:N}:options";

    /// <summary>A sorted set of the poll's bucket numbers (member and score), so a window finds its buckets without guessing keys.</summary>
    public RedisKey DeltaIndex(Guid pollId) => $"{_root}delta:{pollId:N}:buckets";

    /// <summary>A hash: option id → net votes in one time bucket.</summary>
    public RedisKey DeltaBucket(Guid pollId, long bucket) => $"{_root}delta:{pollId:N}:{bucket}";

    /// <summary>Matches every delta key of one poll, buckets the index no longer lists included.</summary>
    public string DeltaPattern(Guid pollId) => $"{_root}delta:{pollId:N}:*";

    /// <summary>A hash: voter id → the live ballot.</summary>
    public RedisKey Voters(Guid pollId) => $"{_root}voters:{pollId:N}";

    /// <summary>
    /// A hash: voter id → the admin retraction of their ballot in <see cref="Voters"/>, as "vote-id|retracted-at|reason",
    /// which holds only while that ballot is the one held.
    /// </summary>
    public RedisKey VoterRetractions(Guid pollId) => $"{_root}retracted:{pollId:N}";

    /// <summary>A hash: "poll" (JSON) and "closed_at".</summary>
    public RedisKey Poll(Guid pollId) => $"{_root}poll:{pollId:N}";

    /// <summary>A sorted set of poll ids scored by the sequence of their creation.</summary>
    public RedisKey PollsByCreation => _root + "polls:by-creation";

    /// <summary>A sorted set of the ids of polls whose titles have a word starting with <paramref name="prefix"/> (folded, as
    /// <see cref="Catalog.TitleWords"/> reads words), scored by the sequence of their creation.</summary>
    public RedisKey PollsByWordPrefix(string prefix) => $"{_root}polls:word:{prefix}";

    /// <summary>A sorted set of the ids of the polls <paramref name="ownerId"/> created, scored by the sequence of their creation.</summary>
    public RedisKey PollsByOwner(string ownerId) => $"{_root}polls:owner:{ownerId}";

    /// <summary>
    /// A hash: poll id → its title's words longer than the indexed prefix, each after a space (" word word"), for polls
    /// that have any; a search word that long is checked against them.
    /// </summary>
    public RedisKey PollLongWords => _root + "polls:long-words";
}
