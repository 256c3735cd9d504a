namespace Tally.Domain.Events;

/// <summary>A fact the ledger committed. Every state change appends exactly one of these to the event log.</summary>
public abstract record LedgerEvent(Guid PollId);

/// <summary>A ledger event with its place in the log.</summary>
public sealed record StoredEvent(long Sequence, DateTimeOffset RecordedAt, LedgerEvent Event);
