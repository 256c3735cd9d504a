namespace Tally.Domain.Events;

/// <summary>A live vote withdrawn. Carries the original choice so views can undo it without asking the ledger.</summary>
public sealed record VoteRetracted(Guid VoteId, Guid PollId, string VoterId, int OptionId, string? Region, DateTimeOffset RetractedAt)
    : LedgerEvent(PollId);
