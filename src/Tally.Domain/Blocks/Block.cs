namespace Tally.Domain.Blocks;

/// <summary>
/// A stop on voting: <see cref="Value"/> is an address, a CIDR network or a voter id (by <see cref="Target"/>), in one
/// poll or every poll (<see cref="PollId"/> null), from <see cref="PlacedAt"/> until <see cref="Until"/> (null: until lifted).
/// </summary>
public sealed record Block(
    Guid BlockId,
    BlockTarget Target,
    string Value,
    Guid? PollId,
    DateTimeOffset PlacedAt,
    DateTimeOffset? Until,
    string PlacedBy,
    string Reason,
    DateTimeOffset? LiftedAt = null,
    string? LiftedBy = null);
