using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Catalog;

namespace Tally.Views.Redis;

/// <summary>
/// Poll definitions for lookup and listing: a hash per poll (its JSON and its close), a sorted set of ids by the sequence
/// of their creation for newest-first pages, and a hash of titles so a search reads titles only.
/// </summary>
public sealed class RedisPollCatalogProjection(RedisViewStore store) : RedisProjection(store), IPollCatalogView
{
    private const string PollField = "poll";
    private const string ClosedField = "closed_at";
    private static readonly RedisValue[] PollFields = [PollField, ClosedField];

    public override string Name => "poll_catalog";

    public async ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct) =>
        Read(await Store.Database.HashGetAsync(Store.Keys.Poll(pollId), PollFields).ConfigureAwait(false));

    public async ValueTask<PollPage> ListAsync(string? query, int page, int pageSize, CancellationToken ct)
    {
        var (ids, total) = string.IsNullOrWhiteSpace(query)
            ? await PageOfAllAsync(page, pageSize).ConfigureAwait(false)
            : await PageOfMatchesAsync(query.Trim(), page, pageSize).ConfigureAwait(false);
        var reads = ids.Select(id => Store.Database.HashGetAsync(Store.Keys.Poll(id), PollFields)).ToArray();
        var polls = new List<Poll>(reads.Length);
        foreach (var fields in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            if (Read(fields) is { } poll)
            {
                polls.Add(poll);
            }
        }
        return new PollPage(polls, page, pageSize, total);
    }

    private protected override void Describe(StoredEvent stored, ChangeSet changes)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                changes.Barrier();
                var key = Store.Keys.Poll(poll.Id);
                changes.Unguarded()
                    .Delete(key)
                    .HashSet(key, PollField, RedisJson.Serialize(poll))
                    .SortedSetAdd(Store.Keys.PollsByCreation, stored.Sequence, poll.Id.ToString("N"))
                    .HashSet(Store.Keys.PollTitles, poll.Id.ToString("N"), poll.Title);
                changes.Barrier();
                break;
            case PollClosed closed:
                var pollKey = Store.Keys.Poll(closed.PollId);
                changes.Guarded(pollKey).WriteField(pollKey, ClosedField, RedisJson.Time(closed.ClosedAt));
                break;
        }
    }

    /// <summary>Without a search, Redis slices the newest-first set itself.</summary>
    private async Task<(IReadOnlyList<Guid> Ids, int Total)> PageOfAllAsync(int page, int pageSize)
    {
        var database = Store.Database;
        var totalTask = database.SortedSetLengthAsync(Store.Keys.PollsByCreation);
        var skip = Math.Max(0, (long)(page - 1) * pageSize);
        var slice = pageSize <= 0
            ? Task.FromResult<RedisValue[]>([])
            : database.SortedSetRangeByRankAsync(Store.Keys.PollsByCreation, skip, skip + pageSize - 1, Order.Descending);
        var total = await totalTask.ConfigureAwait(false);
        return ((await slice.ConfigureAwait(false)).Select(ToId).ToArray(), (int)total);
    }

    /// <summary>A search filters the titles here, with the same comparison the memory view uses, then pages the matches.</summary>
    private async Task<(IReadOnlyList<Guid> Ids, int Total)> PageOfMatchesAsync(string query, int page, int pageSize)
    {
        var database = Store.Database;
        var idsTask = database.SortedSetRangeByRankAsync(Store.Keys.PollsByCreation, 0, -1, Order.Descending);
        var titlesTask = database.HashGetAllAsync(Store.Keys.PollTitles);
        var titles = (await titlesTask.ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        var matches = new List<Guid>();
        foreach (var id in await idsTask.ConfigureAwait(false))
        {
            if (titles.TryGetValue(id!, out var title) && title.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(ToId(id));
            }
        }
        var skip = (long)(page - 1) * pageSize;
        var slice = skip >= matches.Count ? [] : matches.Skip((int)skip).Take(pageSize).ToArray();
        return (slice, matches.Count);
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
