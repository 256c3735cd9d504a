using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Judging;

/// <summary>Placing and lifting blocks, for both ledgers: the block kept, its event and audit rows (whether it is in force: <see cref="BlockRules"/>).</summary>
public static class BlockJudge
{
    public const string PlacedAction = "block_placed";
    public const string LiftedAction = "block_lifted";

    public static Block Place(PlaceBlock command, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at), command.Target, command.Value, command.PollId, at, command.Until, command.AdminId, command.Reason);

    /// <returns>The block as lifted, and its event; BLOCK_NOT_FOUND when <paramref name="block"/> is missing or not in force.</returns>
    public static Outcome<(Block Lifted, BlockLifted Event)> Lift(Block? block, LiftBlock command, DateTimeOffset at)
    {
        if (block is null || !BlockRules.InForce(block, at))
        {
            return Rejections.BlockNotFound;
        }
        var lifted = block with { LiftedAt = at, LiftedBy = command.AdminId };
        return Outcome<(Block, BlockLifted)>.Ok((lifted, new BlockLifted(block.BlockId, block.PollId ?? Guid.Empty, command.AdminId, at)));
    }

    /// <summary>What the audit log says of a block.</summary>
    public static string AuditDetail(Block block) => $"{block.Target} {block.Value}: {block.Reason}";
}
