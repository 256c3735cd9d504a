namespace Tally.Domain.Ballots;

/// <summary>One voter's choice in one poll, as submitted.</summary>
public sealed record Ballot(Guid PollId, string VoterId, int OptionId, string? Region);
