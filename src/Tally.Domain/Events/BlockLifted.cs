namespace Tally.Domain.Events;

/// <summary>A block ended early by an admin. Its poll id is the block's poll, or <see cref="Guid.Empty"/> for a block on every poll.</summary>
public sealed record BlockLifted(Guid BlockId, Guid PollId, string LiftedBy, DateTimeOffset LiftedAt) : LedgerEvent(PollId);
