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

    /// <param name="clientAddress">The client's address as the connection gave it, or null when unknown; read in canonical
    /// form only when an address or network block exists, so a vote pays nothing for blocks that are not there.</param>
    public bool Stops(Guid pollId, string voterId, string? clientAddress, DateTimeOffset now)
    {
        if (_byVoter.TryGetValue(voterId, out var onVoter) && AnyStops(onVoter, pollId, voterId, clientAddress, now))
        {
            return true;
        }
        if (_byAddress.Count == 0 && _networks.Length == 0 || ClientNetwork.Canonical(clientAddress) is not { } ipAddress)
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
