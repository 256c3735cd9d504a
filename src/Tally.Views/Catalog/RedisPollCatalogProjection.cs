using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Redis;

namespace Tally.Views.Catalog;

/// <summary>
/// Poll definitions for lookup and listing: a hash per poll (its JSON and its close), a sorted set of ids by the sequence
/// of their creation for newest-first pages, and for search and the owner filter one such sorted set per word prefix of
/// the titles (see <see cref="TitleWords"/>) and per owner, all written in the poll's own apply. A page is read by <see cref="CatalogPageScript"/>.
/// </summary>
public sealed class RedisPollCatalogProjection(RedisViewStore store) : RedisProjection(store), IPollCatalogView, IPollCatalogSink
{
    private const string PollField = "poll";
    private const string ClosedField = "closed_at";
    private static readonly RedisValue[] PollFields = [PollField, ClosedField];

    public override string Name => "poll_catalog";

    public async ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct) =>
        await ReadKeysAsync().ConfigureAwait(false) is { } keys
            ? Read(await Store.Database.HashGetAsync(keys.Poll(pollId), PollFields).ConfigureAwait(false))
            : null;

    public async ValueTask<PollPage> ListAsync(string? query, string? ownerId, int page, int pageSize, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return new PollPage([], page, pageSize, 0);
        }
        var search = TitleQuery.Parse(query);
        RedisKey[] words = [.. search.IndexKeys.Select(keys.PollsByWordPrefix)];
        RedisKey[] sets = ownerId is not null ? [keys.PollsByOwner(ownerId), .. words] : search.IsEmpty ? [keys.PollsByCreation] : words;
        var (members, total) = await CatalogPageScript.RunAsync(
            Store.Database, keys.PollLongWords, sets, Math.Max(0, (long)(page - 1) * pageSize), Math.Max(0, pageSize), search.LongWords)
            .ConfigureAwait(false);
        var reads = members.Select(id => Store.Database.HashGetAsync(keys.Poll(ToId(id)), PollFields)).ToArray();
        var polls = new List<Poll>(reads.Length);
        foreach (var fields in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            if (Read(fields) is { } poll)
            {
                polls.Add(poll);
            }
        }
        return new PollPage(polls, page, pageSize, (int)total);
    }

    private protected override void Describe(StoredEvent stored) => PollCatalogReducer.Apply(stored, this);

    /// <remarks>The indexes need no clearing: the poll's creation, replayed by the repair, writes its entries again as they were.</remarks>
    private protected override ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<RedisKey>>([generation.Poll(pollId)]);

    private protected override RedisProjection Twin() => new RedisPollCatalogProjection(Store);

    void IPollCatalogSink.Add(Poll poll, long sequence, IReadOnlySet<string> wordPrefixes, IReadOnlyList<string> longWords)
    {
        Chunk.Barrier();
        var key = Keys.Poll(poll.Id);
        var member = poll.Id.ToString("N");
        var writes = Chunk.Unguarded()
            .Delete(key)
            .HashSet(key, PollField, RedisJson.Serialize(poll))
            .SortedSetAdd(Keys.PollsByCreation, sequence, member)
            .SortedSetAdd(Keys.PollsByOwner(poll.OwnerId), sequence, member);
        foreach (var prefix in wordPrefixes)
        {
            writes.SortedSetAdd(Keys.PollsByWordPrefix(prefix), sequence, member);
        }
        if (longWords.Count > 0)
        {
            writes.HashSet(Keys.PollLongWords, member, " " + string.Join(' ', longWords));
        }
        Chunk.Barrier();
    }

    void IPollCatalogSink.Close(Guid pollId, DateTimeOffset closedAt)
    {
        var key = Keys.Poll(pollId);
        Chunk.Guarded(key).WriteField(key, ClosedField, RedisJson.Time(closedAt));
    }

    private static Guid ToId(RedisValue member) => Guid.ParseExact((string)member!, "N");

    private static Poll? Read(RedisValue[] fields)
    {
        if (fields[0].IsNull)
        {
            return null;
        }
        var poll = RedisJson.Deserialize<Poll>(fields[0]!);
        return fields[1].IsNull ? poll : poll with { ClosedAt = RedisJson.Time(fields[1]!) };
    }
}
