namespace Tally.Ledger.Stores;

/// <summary>One vote row as an export shows it; <see cref="Sequence"/> is its VoteCast event's. Voter ids as stored (pseudonymous).</summary>
public sealed record ExportedVote(
    long Sequence,
    Guid VoteId,
    string VoterId,
    int OptionId,
    string? Region,
    DateTimeOffset CastAt,
    string? IpAddress,
    string? UserAgent,
    bool Retracted,
    DateTimeOffset? RetractedAt,
    string? RetractedBy,
    string? RetractionReason);
