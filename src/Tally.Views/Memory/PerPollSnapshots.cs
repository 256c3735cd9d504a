using System.Collections.Concurrent;

namespace Tally.Views.Memory;

/// <summary>
/// A memory view kept per poll: the daemon changes a private working state, and at the end of each batch every
/// changed poll gets a fresh immutable snapshot that readers take without locks.
/// </summary>
public abstract class PerPollSnapshots<TState, TSnapshot> : MemoryProjection
    where TState : class
    where TSnapshot : class
{
    private readonly ConcurrentDictionary<Guid, TSnapshot> _published = new();
    private readonly Dictionary<Guid, TState> _working = new();
    private readonly HashSet<Guid> _changed = new();

    protected TSnapshot? Snapshot(Guid pollId) => _published.GetValueOrDefault(pollId);

    protected void Start(Guid pollId, TState state)
    {
        _working[pollId] = state;
        _changed.Add(pollId);
    }

    /// <summary>The working state of a known poll, marked as changed in this batch.</summary>
    protected bool TryChange(Guid pollId, out TState state)
    {
        if (!_working.TryGetValue(pollId, out state!))
        {
            return false;
        }
        _changed.Add(pollId);
        return true;
    }

    protected abstract TSnapshot Freeze(Guid pollId, TState state);

    /// <summary>Runs after the batch's snapshots are visible to readers.</summary>
    protected virtual void Published(IReadOnlyCollection<Guid> pollIds)
    {
    }

    protected sealed override void Publish()
    {
        foreach (var pollId in _changed)
        {
            _published[pollId] = Freeze(pollId, _working[pollId]);
        }
        Published(_changed);
        _changed.Clear();
    }
}
