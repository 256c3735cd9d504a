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

    /// <summary>Every published poll with its snapshot, at one moment: later batches publish new snapshots, never change these.</summary>
    public KeyValuePair<Guid, TSnapshot>[] Published() => _published.ToArray();

    public ICollection<Guid> PublishedPolls => _published.Keys;

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

    /// <summary>Holds <paramref name="other"/>'s working state of the poll instead of this one's (none: the poll goes), from the next publication.</summary>
    public void TakePoll(Guid pollId, PerPollSnapshots<TState, TSnapshot> other)
    {
        if (other._working.TryGetValue(pollId, out var state))
        {
            _working[pollId] = state;
        }
        else
        {
            _working.Remove(pollId);
        }
        _changed.Add(pollId);
    }

    /// <summary>Publishes a snapshot of every poll changed since the last call, then tells <paramref name="feed"/> which.</summary>
    public void Publish(PollChangeFeed? feed = null)
    {
        foreach (var pollId in _changed)
        {
            if (_working.TryGetValue(pollId, out var state))
            {
                _published[pollId] = freeze(pollId, state);
            }
            else
            {
                _published.TryRemove(pollId, out _);
            }
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
