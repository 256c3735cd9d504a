namespace Tally.Bench.Naive;

/// <summary>One vote row as the naive server inserts it.</summary>
public sealed record NaiveVote(Guid VoteId, Guid PollId, string VoterId, int OptionId, string? Region, string? IdempotencyKey, DateTimeOffset RecordedAt);
