using System.Collections.Frozen;
using Tally.Domain.Blocks;
using Tally.Domain.Fraud;

namespace Tally.Ledger.Blocks;

/// <summary>
/// One immutable snapshot of the blocks in force, indexed so a vote is judged by two lookups and a walk over the
/// network blocks (few), never a scan of every block. Each candidate is judged by <see cref="BlockRules.Stops"/>.
/// </summary>
public sealed class BlocksInForce
{
    public static BlocksInForce Empty { get; } = new([]);

    private readonly FrozenDictionary<string, Block[]> _byVoter;
    private readonly FrozenDictionary<string, Block[]> _byAddress;
    private readonly Block[] _networks;

    public BlocksInForce(IReadOnlyList<Block> blocks)
    {
        All = blocks;
        _byVoter = Index(blocks, BlockTarget.Voter);
        _byAddress = Index(blocks, BlockTarget.IpAddress);
        _networks = [.. blocks.Where(b => b.Target == BlockTarget.Network)];
    }

    public IReadOnlyList<Block> All { get; }

    /// <param name="ipAddress">The client's address in canonical form (<see cref="ClientNetwork.Canonical"/>), or null when unknown.</param>
    public bool Stops(Guid pollId, string voterId, string? ipAddress, DateTimeOffset now)
    {
        if (_byVoter.TryGetValue(voterId, out var onVoter) && AnyStops(onVoter, pollId, voterId, ipAddress, now))
        {
            return true;
        }
        if (ipAddress is null)
        {
            return false;
        }
        return (_byAddress.TryGetValue(ipAddress, out var onAddress) && AnyStops(onAddress, pollId, voterId, ipAddress, now))
            || AnyStops(_networks, pollId, voterId, ipAddress, now);
    }

    private static bool AnyStops(Block[] blocks, Guid pollId, string voterId, string? ipAddress, DateTimeOffset now)
    {
        foreach (var block in blocks)
        {
            if (BlockRules.Stops(block, pollId, voterId, ipAddress, now))
            {
                return true;
            }
        }
        return false;
    }

    private static FrozenDictionary<string, Block[]> Index(IReadOnlyList<Block> blocks, BlockTarget target) =>
        blocks.Where(b => b.Target == target)
            .GroupBy(b => b.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}
