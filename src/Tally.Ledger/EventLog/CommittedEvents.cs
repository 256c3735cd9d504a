using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>
/// Events this process committed, kept by sequence in a bounded ring from the moment they are durable until the
/// projection daemon takes them, so it applies them without reading and decoding the log again. The log stays the
/// source of truth: the daemon takes only a run that starts right after its checkpoint, and reads the log for anything
/// missing (another node's commits, a restart, a run the ring overwrote because the daemon fell behind).
/// </summary>
public sealed class CommittedEvents
{
    private StoredEvent?[] _slots = [];

    /// <summary>How many events the ring holds; zero while nobody takes them (nothing is then kept).</summary>
    public int Capacity => Volatile.Read(ref _slots).Length;

    /// <summary>Starts keeping up to <paramref name="capacity"/> events, or stops at zero; whatever was kept is dropped.</summary>
    public void KeepUpTo(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Volatile.Write(ref _slots, capacity == 0 ? [] : new StoredEvent?[capacity]);
    }

    /// <summary>Keeps one transaction's events; call only once they are committed and durable.</summary>
    public void Keep(IReadOnlyList<StoredEvent> events)
    {
        var slots = Volatile.Read(ref _slots);
        if (slots.Length == 0)
        {
            return;
        }
        foreach (var e in events)
        {
            Volatile.Write(ref slots[Slot(e.Sequence, slots.Length)], e);
        }
    }

    /// <summary>
    /// Takes the kept events that follow <paramref name="after"/> without a gap, at most <paramref name="max"/>; empty
    /// when the next one is not here. One reader at a time (the daemon).
    /// </summary>
    public IReadOnlyList<StoredEvent> TakeAfter(long after, int max)
    {
        var slots = Volatile.Read(ref _slots);
        if (slots.Length == 0)
        {
            return [];
        }
        List<StoredEvent>? taken = null;
        for (var next = after + 1; taken is null || taken.Count < max; next++)
        {
            ref var slot = ref slots[Slot(next, slots.Length)];
            var e = Volatile.Read(ref slot);
            if (e is null || e.Sequence != next)
            {
                break;
            }
            // Emptied as taken, so an event lives here only from its commit to its apply, and dies young.
            Interlocked.CompareExchange(ref slot, null, e);
            (taken ??= []).Add(e);
        }
        return taken ?? (IReadOnlyList<StoredEvent>)[];
    }

    private static int Slot(long sequence, int length) => (int)(sequence % length);
}
