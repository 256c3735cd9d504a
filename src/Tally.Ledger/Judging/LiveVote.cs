namespace Tally.Ledger.Judging;

/// <summary>A voter's live vote in a poll, as a write found it.</summary>
public sealed record LiveVote(Guid VoteId, int OptionId, string? Region);
