namespace Tally.Domain.Events;

/// <summary>A fact the ledger committed. Every state change appends exactly one of these to the event log.</summary>
public abstract record LedgerEvent(Guid PollId);
