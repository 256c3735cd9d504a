using System.Collections.Concurrent;
using Tally.Views.Progress;

namespace Tally.Views.Memory;

/// <summary>
/// A memory view's state, kept per poll: the daemon changes a private working state, and at the end of each batch every
/// changed poll gets a fresh immutable snapshot that readers take without locks. A reader of a poll sees all of a batch
/// or none of it, and publishing costs what the batch changed, never a copy of the whole view.
/// </summary>
internal sealed class PerPollSnapshots<TState, TSnapshot>(Func<Guid, TState, TSnapshot> freeze)
    where TState : class
    where TSnapshot : class
{
    private readonly ConcurrentDictionary<Guid, TSnapshot> _published = new();
    private readonly Dictionary<Guid, TState> _working = new();
    private readonly HashSet<Guid> _changed = new();

    public TSnapshot? Snapshot(Guid pollId) => _published.GetValueOrDefault(pollId);

    public void Start(Guid pollId, TState state)
    {
        _working[pollId] = state;
        _changed.Add(pollId);
    }

    /// <summary>The working state of a known poll, marked as changed in this batch.</summary>
    public bool TryChange(Guid pollId, out TState state)
    {
        if (!_working.TryGetValue(pollId, out state!))
        {
            return false;
        }
        _changed.Add(pollId);
        return true;
    }

    /// <summary>The working state of a poll, started by <paramref name="create"/> if it has none, marked as changed in this batch.</summary>
    public TState Change(Guid pollId, Func<TState> create)
    {
        if (!TryChange(pollId, out var state))
        {
            state = create();
            Start(pollId, state);
        }
        return state;
    }

    public void Clear()
    {
        _working.Clear();
        _changed.Clear();
        _published.Clear();
    }

    /// <summary>Publishes a snapshot of every poll changed since the last call, then tells <paramref name="feed"/> which.</summary>
    public void Publish(PollChangeFeed? feed = null)
    {
        foreach (var pollId in _changed)
        {
            _published[pollId] = freeze(pollId, _working[pollId]);
        }
        if (feed is not null)
        {
            foreach (var pollId in _changed)
            {
                feed.Changed(pollId);
            }
        }
        _changed.Clear();
    }
}
