using Tally.Domain.Fraud;

namespace Tally.Domain.Blocks;

/// <summary>The one place that says whether a block stops a vote; judged on the vote path against blocks held in memory.</summary>
public static class BlockRules
{
    /// <returns>Whether <paramref name="block"/> stops <paramref name="voterId"/>, voting from <paramref name="ipAddress"/>, in <paramref name="pollId"/> at <paramref name="now"/>.</returns>
    public static bool Stops(Block block, Guid pollId, string voterId, string? ipAddress, DateTimeOffset now)
    {
        // Not held back until PlacedAt: a block is never placed ahead of time, and another node's clock may run behind.
        if (!InForce(block, now))
        {
            return false;
        }
        if (block.PollId is { } only && only != pollId)
        {
            return false;
        }
        return block.Target switch
        {
            BlockTarget.Voter => string.Equals(block.Value, voterId, StringComparison.Ordinal),
            BlockTarget.IpAddress => ipAddress is not null && string.Equals(block.Value, ClientNetwork.Canonical(ipAddress), StringComparison.Ordinal),
            BlockTarget.Network => ClientNetwork.TryParse(block.Value, out var network) && ClientNetwork.Contains(network, ipAddress),
            _ => false,
        };
    }

    /// <summary>Neither lifted nor run out at <paramref name="now"/>.</summary>
    public static bool InForce(Block block, DateTimeOffset now) => block.LiftedAt is null && (block.Until is not { } until || until > now);

    /// <returns>The value to store for a block on <paramref name="target"/>, in canonical form; or null when it does not name one.</returns>
    public static string? Canonical(BlockTarget target, string? value) => target switch
    {
        BlockTarget.IpAddress => ClientNetwork.Canonical(value),
        BlockTarget.Network => ClientNetwork.TryParse(value, out var network) ? network.ToString() : null,
        BlockTarget.Voter => string.IsNullOrWhiteSpace(value) || value.Length > 512 ? null : value,
        _ => null,
    };
}
