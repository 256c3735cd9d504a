using System.Text.Json.Serialization;
using Tally.Domain.Json;

namespace Tally.Views.Fraud;

/// <summary>What a cluster's votes share: an address, a network (/24, /64), a user agent, a burst from one address, or young accounts.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ClusterKind>))]
public enum ClusterKind
{
    IpAddress,
    Network,
    UserAgent,
    Velocity,
    AccountAge,
}
