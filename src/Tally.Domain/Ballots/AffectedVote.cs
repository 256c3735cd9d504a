namespace Tally.Domain.Ballots;

/// <summary>One vote an admin retraction or reinstatement touched (or, in a dry run, would touch); its sequence is the event that records it.</summary>
public sealed record AffectedVote(
    Guid VoteId, string VoterId, int OptionId, string? Region, DateTimeOffset CastAt, string? IpAddress, long? Sequence);
