using System.Text.Json.Serialization;
using Tally.Domain.Json;

namespace Tally.Domain.Blocks;

/// <summary>What a block names: one client address, a network in CIDR form, or one voter id.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<BlockTarget>))]
public enum BlockTarget
{
    IpAddress,
    Network,
    Voter,
}
