using Tally.Domain.Blocks;

namespace Tally.Server.Contracts;

/// <summary>
/// A block to place: exactly one of <see cref="IpAddress"/>, <see cref="Network"/> (CIDR) or <see cref="VoterId"/>; in one
/// poll or every poll; until an RFC 3339 instant or for a <see cref="Duration"/> ("10m", "2h", "7d"), or until lifted.
/// </summary>
public sealed record BlockRequest(string? IpAddress, string? Network, string? VoterId, Guid? PollId, string? Until, string? Duration, string? Reason);

public sealed record BlockListResponse(IReadOnlyList<Block> Blocks);
