namespace Tally.Ledger.Judging;

/// <summary>A vote row as an admin retraction or reinstatement reads it inside its write.</summary>
public sealed record LedgerVote(
    Guid VoteId, string VoterId, int OptionId, string? Region, DateTimeOffset CastAt, string? IpAddress, bool IsRetracted, string? RetractedBy);
