namespace Tally.Ledger.Tests.Contract;

/// <summary>A vote of one voter as stored, including what the stores never hand back.</summary>
public sealed record VoteRow(Guid VoteId, int OptionId, string? Region, bool IsRetracted, DateTimeOffset? RetractedAt, string? IpAddress, string? UserAgent);
