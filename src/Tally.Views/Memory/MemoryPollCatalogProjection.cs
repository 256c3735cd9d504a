using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Catalog;

namespace Tally.Views.Memory;

/// <summary>Poll definitions for lookup and listing, newest first.</summary>
public sealed class MemoryPollCatalogProjection : MemoryProjection, IPollCatalogView
{
    private readonly ConcurrentDictionary<Guid, Poll> _polls = new();
    private ImmutableList<Guid> _newestFirst = [];

    public override string Name => "poll_catalog";

    public ValueTask<Poll?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(_polls.GetValueOrDefault(pollId));

    public ValueTask<PollPage> ListAsync(string? query, int page, int pageSize, CancellationToken ct)
    {
        var matches = new List<Poll>();
        foreach (var id in Volatile.Read(ref _newestFirst))
        {
            if (_polls.TryGetValue(id, out var poll) && (string.IsNullOrWhiteSpace(query) || poll.Title.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                matches.Add(poll);
            }
        }
        var skip = (long)(page - 1) * pageSize;
        var slice = skip >= matches.Count ? [] : matches.Skip((int)skip).Take(pageSize).ToArray();
        return ValueTask.FromResult(new PollPage(slice, page, pageSize, matches.Count));
    }

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated created:
                _polls[created.Poll.Id] = created.Poll;
                Volatile.Write(ref _newestFirst, _newestFirst.Insert(0, created.Poll.Id));
                break;
            case PollClosed closed when _polls.TryGetValue(closed.PollId, out var poll):
                _polls[closed.PollId] = poll with { ClosedAt = closed.ClosedAt };
                break;
        }
    }
}
