namespace Tally.Domain.Events;

public sealed record VoteCast(Guid VoteId, Guid PollId, string VoterId, int OptionId, string? Region, DateTimeOffset RecordedAt)
    : LedgerEvent(PollId);
