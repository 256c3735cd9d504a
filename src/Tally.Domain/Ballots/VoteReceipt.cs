namespace Tally.Domain.Ballots;

/// <summary>Proof of a committed vote; <see cref="Sequence"/> lets the voter ask for results that include it.</summary>
public sealed record VoteReceipt(Guid VoteId, Guid PollId, int OptionId, string? Region, DateTimeOffset RecordedAt, long Sequence);
