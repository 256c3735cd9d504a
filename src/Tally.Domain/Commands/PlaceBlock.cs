using Tally.Domain.Blocks;

namespace Tally.Domain.Commands;

/// <summary>An admin stops an address, network or voter from voting in one poll (or all, <see cref="PollId"/> null) until <see cref="Until"/> (or until lifted).</summary>
public sealed record PlaceBlock(
    BlockTarget Target, string Value, Guid? PollId, DateTimeOffset? Until, string Reason, string AdminId, ClientInfo Client);
