namespace Tally.Domain.Ballots;

/// <summary>What a soft retraction withdrew, and the event that records it.</summary>
public sealed record Retraction(Guid VoteId, Guid PollId, int OptionId, string? Region, DateTimeOffset RetractedAt, long Sequence);
