namespace Tally.Domain.Commands;

/// <summary>
/// Which of a poll's live votes an admin means: the listed ids, or those cast from one address or network (CIDR),
/// optionally only those cast in [<see cref="From"/>, <see cref="To"/>). Exactly one of the three is given.
/// </summary>
public sealed record VoteSelection(IReadOnlyList<Guid>? VoteIds, string? IpAddress, string? Network, DateTimeOffset? From, DateTimeOffset? To);
