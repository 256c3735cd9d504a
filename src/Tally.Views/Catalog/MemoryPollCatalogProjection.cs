using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Memory;

namespace Tally.Views.Catalog;

/// <summary>
/// Poll definitions for lookup and listing, newest first, with title search by word prefix. Polls are numbered in the
/// order they were created (their ordinal); the catalogue is the list of ids by ordinal, every word prefix (up to
/// <see cref="TitleWords.MaxIndexedPrefix"/> characters) has the ascending list of ordinals of the polls whose titles have
/// a word starting with it, and every owner the list of their polls' ordinals. A page is a slice from the end of one list:
/// O(log n + page size). A search of several lists (words, or words and an owner) walks the shortest newest first and
/// finds its entries in the others by galloping search. The polls by id are a
/// persistent map changed through a builder, published with the catalogue in one step at the end of each batch.
/// </summary>
public sealed class MemoryPollCatalogProjection : MemoryProjection, IPollCatalogView, IPollCatalogSink
{
    private ImmutableDictionary<Guid, Poll>.Builder _polls = ImmutableDictionary.CreateBuilder<Guid, Poll>();
    private AppendOnlyList<Guid> _byCreation = new();
    private ConcurrentDictionary<string, AppendOnlyList<int>> _byWordPrefix = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, AppendOnlyList<int>> _byOwner = new(StringComparer.Ordinal);
    private HashSet<AppendOnlyList<int>> _grown = [];
    private MemoryPublishedCatalog _published;

    public MemoryPollCatalogProjection() => _published = new(_polls.ToImmutable(), _byCreation.Published, _byWordPrefix, _byOwner);

    public override string Name => "poll_catalog";

    public ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult(Volatile.Read(ref _published).Polls.GetValueOrDefault(pollId));

    public ValueTask<PollPage> ListAsync(string? query, string? ownerId, int page, int pageSize, CancellationToken ct)
    {
        // Prefix lists are published before the catalogue, so cutting them at the catalogue's count reads one batch's state.
        var catalog = Volatile.Read(ref _published);
        var search = TitleQuery.Parse(query);
        var skip = Math.Max(0, (long)(page - 1) * pageSize);
        var take = Math.Max(0, pageSize);
        var (ordinals, total) = search.IsEmpty && ownerId is null
            ? (NewestFirst(catalog.Created.Count, skip, take, ordinal => ordinal), catalog.Created.Count)
            : Search(search, ownerId, catalog, skip, take);
        var polls = new List<Poll>(ordinals.Count);
        foreach (var ordinal in ordinals)
        {
            if (catalog.Polls.TryGetValue(catalog.Created.Items[ordinal], out var poll))
            {
                polls.Add(poll);
            }
        }
        return ValueTask.FromResult(new PollPage(polls, page, pageSize, total));
    }

    protected override void Apply(StoredEvent stored) => PollCatalogReducer.Apply(stored, this);

    // New lists rather than emptied ones: a reader may still hold snapshots of the old ones.
    protected override void Forget() => TakeState(new MemoryPollCatalogProjection());

    protected override void Publish()
    {
        foreach (var list in _grown)
        {
            list.Publish();
        }
        _grown.Clear();
        _byCreation.Publish();
        Volatile.Write(ref _published, new MemoryPublishedCatalog(_polls.ToImmutable(), _byCreation.Published, _byWordPrefix, _byOwner));
    }

    private protected override MemoryProjection CreateEmpty() => new MemoryPollCatalogProjection();

    private protected override void TakeState(MemoryProjection other)
    {
        var catalog = (MemoryPollCatalogProjection)other;
        _polls = catalog._polls;
        _byCreation = catalog._byCreation;
        _byWordPrefix = catalog._byWordPrefix;
        _byOwner = catalog._byOwner;
        _grown = catalog._grown;
        Volatile.Write(ref _published, catalog._published);
    }

    // A poll's title never changes, so a poll still listed keeps its index entries. One the catalogue lost is listed
    // again as the newest (the lists only grow at their end); one the log does not hold is no longer found, though it
    // still counts in the totals of the lists it was in.
    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt)
    {
        var poll = ((MemoryPollCatalogProjection)rebuilt)._polls.GetValueOrDefault(pollId);
        if (poll is null)
        {
            _polls.Remove(pollId);
        }
        else if (_polls.ContainsKey(pollId))
        {
            _polls[pollId] = poll;
        }
        else
        {
            Add(poll);
        }
    }

    // The catalogue holds poll definitions, no votes.
    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId) => [];

    private protected override MemoryViewImage Capture()
    {
        var catalog = _published;
        return new MemoryViewImage(Name, writer =>
        {
            var listed = new List<Poll>(catalog.Created.Count);
            for (var ordinal = 0; ordinal < catalog.Created.Count; ordinal++)
            {
                if (catalog.Polls.TryGetValue(catalog.Created.Items[ordinal], out var poll))
                {
                    listed.Add(poll);
                }
            }
            writer.Write(listed.Count);
            foreach (var poll in listed)
            {
                writer.WritePoll(poll);
            }
        });
    }

    // The word indexes are made again from the titles, oldest poll first, as the log made them.
    private protected override void Load(BinaryReader reader)
    {
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var poll = reader.ReadPoll();
            if (_polls.ContainsKey(poll.Id))
            {
                throw new InvalidDataException($"Poll {poll.Id} is listed twice.");
            }
            Add(poll);
        }
        Publish();
    }

    // Listed as the event that created it lists it; the poll it holds may have closed since.
    private void Add(Poll poll) => PollCatalogReducer.Apply(new StoredEvent(0, poll.CreatedAt, new PollCreated(poll)), this);

    // Ordinals stand for the creation sequence here; long words are checked against the titles themselves.
    void IPollCatalogSink.Add(Poll poll, long sequence, IReadOnlySet<string> wordPrefixes, IReadOnlyList<string> longWords)
    {
        _polls[poll.Id] = poll;
        var ordinal = _byCreation.Add(poll.Id);
        foreach (var prefix in wordPrefixes)
        {
            Append(_byWordPrefix, prefix, ordinal);
        }
        Append(_byOwner, poll.OwnerId, ordinal);
    }

    private void Append(ConcurrentDictionary<string, AppendOnlyList<int>> index, string key, int ordinal)
    {
        var list = index.GetOrAdd(key, _ => new AppendOnlyList<int>());
        list.Add(ordinal);
        _grown.Add(list);
    }

    void IPollCatalogSink.Close(Guid pollId, DateTimeOffset closedAt)
    {
        if (_polls.TryGetValue(pollId, out var poll))
        {
            _polls[pollId] = poll with { ClosedAt = closedAt };
        }
    }

    private (IReadOnlyList<int> Ordinals, int Total) Search(TitleQuery search, string? ownerId, MemoryPublishedCatalog catalog, long skip, int take)
    {
        var created = catalog.Created;
        var lists = new List<AppendOnlySnapshot<int>>(search.IndexKeys.Count + 1);
        bool Take(ConcurrentDictionary<string, AppendOnlyList<int>> index, string key)
        {
            if (!index.TryGetValue(key, out var list))
            {
                return false;
            }
            var published = list.Published;
            lists.Add(published with { Count = CountBelow(published, created.Count) });
            return true;
        }
        if ((ownerId is not null && !Take(catalog.ByOwner, ownerId)) || !search.IndexKeys.All(key => Take(catalog.ByWordPrefix, key)))
        {
            return ([], 0);
        }
        lists.Sort((a, b) => a.Count.CompareTo(b.Count));
        var shortest = lists[0];
        if (lists.Count == 1 && search.LongWords.Count == 0)
        {
            return (NewestFirst(shortest.Count, skip, take, i => shortest.Items[i]), shortest.Count);
        }

        // Walking newest first, the position found in each other list only moves down: each search starts from the last.
        var bounds = lists.Select(l => l.Count).ToArray();
        var page = new List<int>(take);
        var total = 0;
        for (var i = shortest.Count - 1; i >= 0; i--)
        {
            var ordinal = shortest.Items[i];
            if (InAll(lists, bounds, ordinal) && search.MatchesLongWords(catalog.Polls[created.Items[ordinal]].Title))
            {
                if (total >= skip && page.Count < take)
                {
                    page.Add(ordinal);
                }
                total++;
            }
        }
        return (page, total);
    }

    private static bool InAll(List<AppendOnlySnapshot<int>> lists, int[] bounds, int ordinal)
    {
        for (var l = 1; l < lists.Count; l++)
        {
            // Gallop down from the last position, then search the stretch found: matches are often near each other.
            var items = lists[l].Items;
            var top = bounds[l];
            var low = top - 1;
            for (var step = 1; low >= 0 && items[low] > ordinal; step <<= 1)
            {
                top = low;
                low = top - step;
            }
            low = Math.Max(low, 0);
            var at = Array.BinarySearch(items, low, top - low, ordinal);
            bounds[l] = at >= 0 ? at : ~at;
            if (at < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>How many of the (ascending) ordinals are below <paramref name="limit"/>.</summary>
    private static int CountBelow(AppendOnlySnapshot<int> list, int limit)
    {
        var at = Array.BinarySearch(list.Items, 0, list.Count, limit);
        return at >= 0 ? at : ~at;
    }

    /// <summary>Items <paramref name="skip"/> onwards of a list of <paramref name="count"/>, read from its end.</summary>
    private static int[] NewestFirst(int count, long skip, int take, Func<int, int> ordinalAt)
    {
        var length = (int)Math.Clamp(count - skip, 0, take);
        var page = new int[length];
        for (var i = 0; i < length; i++)
        {
            page[i] = ordinalAt(count - 1 - (int)skip - i);
        }
        return page;
    }
}
