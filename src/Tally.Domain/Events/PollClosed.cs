namespace Tally.Domain.Events;

public sealed record PollClosed(Guid PollId, string ClosedBy, DateTimeOffset ClosedAt) : LedgerEvent(PollId);
