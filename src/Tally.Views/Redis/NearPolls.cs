using System.Collections.Concurrent;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// One view's values per poll held in this node's memory, served while <see cref="AnnouncedChanges"/> says they are
/// still the answer at the node's applied checkpoint, so a reader who waited for their own vote sees it. At most
/// <c>capacity</c> polls: past it, those not read since the last sweep are dropped. Readers who miss together share
/// one read of Redis: on a hot poll every change sends the crowd reading it to Redis at once.
/// </summary>
public sealed class NearPolls<T>(RedisViewStore store, ViewProgress progress, ViewsState state, int capacity)
{
    private readonly AnnouncedChanges _changes = store.Announced;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    private readonly ConcurrentDictionary<Guid, Task<(long Checkpoint, T Value)>> _reading = new();

    private sealed class Entry(T value, NearTicket ticket)
    {
        public T Value => value;

        public NearTicket Ticket => ticket;

        public volatile bool Read;
    }

    /// <summary>Polls held now.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The poll's value and a checkpoint it holds every change of the poll up to: from memory when it is still the answer,
    /// else from <paramref name="read"/> (which gives its own checkpoint), kept when nothing changed the poll meanwhile.
    /// </summary>
    /// <param name="fits">Whether a held value answers this question too (a delta held for another window does not).</param>
    public async ValueTask<(long Checkpoint, T Value)> GetAsync(
        Guid pollId, Func<Guid, CancellationToken, ValueTask<(long Checkpoint, T Value)>> read, CancellationToken ct, Func<T, bool>? fits = null)
    {
        var applied = progress.AppliedSequence;
        // Only while Redis is reachable: a held value must not outlive Redis by the moment it takes to hear it went away,
        // since reads answer 503 while the views are unreachable.
        if (_entries.TryGetValue(pollId, out var held) && (fits is null || fits(held.Value)) && !state.Rebuilding && store.Connection.IsConnected
            && _changes.Covers(pollId, held.Ticket, applied))
        {
            held.Read = true;
            return (applied, held.Value);
        }
        if (capacity == 0)
        {
            return await read(pollId, ct).ConfigureAwait(false);
        }
        if (_reading.TryGetValue(pollId, out var underWay) && await JoinAsync(underWay, applied, fits, ct).ConfigureAwait(false) is { } shared)
        {
            return shared;
        }
        var ticket = _changes.Ticket(applied);
        var reading = read(pollId, ct).AsTask();
        _reading[pollId] = reading;
        try
        {
            var fresh = await reading.ConfigureAwait(false);
            if (!state.Rebuilding && _changes.Covers(pollId, ticket, progress.AppliedSequence))
            {
                Keep(pollId, new Entry(fresh.Value, ticket));
            }
            return fresh;
        }
        finally
        {
            _reading.TryRemove(KeyValuePair.Create(pollId, reading));
        }
    }

    /// <summary>
    /// Another reader's read, when its answer holds every change up to this reader's checkpoint; null when it does not
    /// (it started before a change this reader must see) or it failed, and this reader reads for itself.
    /// </summary>
    private static async ValueTask<(long Checkpoint, T Value)?> JoinAsync(
        Task<(long Checkpoint, T Value)> underWay, long applied, Func<T, bool>? fits, CancellationToken ct)
    {
        try
        {
            var shared = await underWay.WaitAsync(ct).ConfigureAwait(false);
            return shared.Checkpoint >= applied && (fits is null || fits(shared.Value)) ? shared : null;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Keep(Guid pollId, Entry entry)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(pollId))
        {
            Sweep();
        }
        _entries[pollId] = entry;
    }

    // Cold polls go first; when every poll was read since the last sweep, all go and the hot ones come back on their next read.
    private void Sweep()
    {
        var dropped = 0;
        foreach (var (pollId, entry) in _entries)
        {
            if (!entry.Read)
            {
                dropped += _entries.TryRemove(pollId, out _) ? 1 : 0;
            }
            entry.Read = false;
        }
        if (dropped == 0)
        {
            _entries.Clear();
        }
    }
}
