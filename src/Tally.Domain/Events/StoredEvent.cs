namespace Tally.Domain.Events;

/// <summary>A ledger event with its place in the log.</summary>
public sealed record StoredEvent(long Sequence, DateTimeOffset RecordedAt, LedgerEvent Event);
