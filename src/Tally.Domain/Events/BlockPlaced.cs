using Tally.Domain.Blocks;

namespace Tally.Domain.Events;

/// <summary>An admin stopped an address, a network or a voter from voting. Its poll id is the poll's, or <see cref="Guid.Empty"/> for every poll.</summary>
public sealed record BlockPlaced(Block Block) : LedgerEvent(Block.PollId ?? Guid.Empty);
