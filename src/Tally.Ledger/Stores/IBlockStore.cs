using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;

namespace Tally.Ledger.Stores;

/// <summary>Admins' blocks on voting, kept in the ledger (a row, an audit row and an event each) and read by every node into memory.</summary>
public interface IBlockStore
{
    /// <summary>Records the block with a BlockPlaced event and a <c>block_placed</c> audit row, in one transaction.</summary>
    Task<Block> PlaceAsync(PlaceBlock command, CancellationToken ct);

    /// <summary>Ends a block in force (BlockLifted event, <c>block_lifted</c> audit row); BLOCK_NOT_FOUND when none in force has this id.</summary>
    Task<Outcome<Block>> LiftAsync(LiftBlock command, CancellationToken ct);

    /// <summary>Every block neither lifted nor expired at <paramref name="now"/>; a small table, read whole.</summary>
    Task<IReadOnlyList<Block>> ReadInForceAsync(DateTimeOffset now, CancellationToken ct);
}
