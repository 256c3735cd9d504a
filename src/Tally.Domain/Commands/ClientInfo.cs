namespace Tally.Domain.Commands;

/// <summary>Where a request came from, kept with the vote for fraud review.</summary>
public sealed record ClientInfo(string? IpAddress, string? UserAgent);
