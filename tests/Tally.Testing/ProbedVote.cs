namespace Tally.Testing;

/// <summary>A vote row as stored, including what the stores never hand back.</summary>
public sealed record ProbedVote(
    Guid VoteId, string VoterId, int OptionId, string? Region, bool IsRetracted, DateTimeOffset? RetractedAt, string? IpAddress, string? UserAgent,
    string? RetractedBy, string? RetractionReason);
