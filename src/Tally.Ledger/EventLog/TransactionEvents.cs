using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>
/// The events one write transaction appended, with their sequences, held until it commits and is durable, then handed
/// to <see cref="LedgerCommits.Committed(long, IReadOnlyList{StoredEvent})"/>. Used by one writer at a time.
/// </summary>
public sealed class TransactionEvents
{
    private List<StoredEvent>? _events;

    /// <summary>
    /// Adds an appended event. Its time is kept as UTC ticks, which is exactly what both ledgers read back from the log, so
    /// the event handed over and the one read later are equal and have the same fingerprint.
    /// </summary>
    public void Add(long sequence, DateTimeOffset at, LedgerEvent e) =>
        (_events ??= []).Add(new StoredEvent(sequence, new DateTimeOffset(at.UtcTicks, TimeSpan.Zero), e));

    /// <summary>The events appended since the last take, in sequence order; the transaction committed.</summary>
    public IReadOnlyList<StoredEvent> Take()
    {
        var events = _events;
        _events = null;
        return events ?? (IReadOnlyList<StoredEvent>)[];
    }

    /// <summary>Forgets the events: the transaction rolled back and its sequences will be handed out again.</summary>
    public void Drop() => _events = null;
}
