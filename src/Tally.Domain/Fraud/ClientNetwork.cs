using System.Net;
using System.Net.Sockets;

namespace Tally.Domain.Fraud;

/// <summary>
/// The network a client address belongs to for fraud review: its /24 for IPv4, its /64 for IPv6 (one IPv6 host is
/// handed a whole /64). Addresses are read in their canonical text form, IPv4-mapped IPv6 as IPv4.
/// </summary>
public static class ClientNetwork
{
    /// <returns>The canonical text of <paramref name="address"/>, or null when it is not an IP address.</returns>
    public static string? Canonical(string? address) => TryRead(address, out var ip) ? Normal(ip).ToString() : null;

    /// <returns>"a.b.c.0/24" or "x:x:x:x::/64", or null when <paramref name="address"/> is not an IP address.</returns>
    public static string? Of(string? address)
    {
        if (!TryRead(address, out var ip))
        {
            return null;
        }
        ip = Normal(ip);
        var bytes = ip.GetAddressBytes();
        var prefix = ip.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        Array.Clear(bytes, prefix / 8, bytes.Length - prefix / 8);
        return $"{new IPAddress(bytes)}/{prefix}";
    }

    /// <summary>Reads a network in CIDR form ("10.1.2.0/24"); false when it is not one.</summary>
    public static bool TryParse(string? cidr, out IPNetwork network)
    {
        network = default;
        return cidr is not null && IPNetwork.TryParse(cidr, out network);
    }

    /// <returns>Whether <paramref name="address"/> is an IP address inside <paramref name="network"/>.</returns>
    public static bool Contains(IPNetwork network, string? address) =>
        TryRead(address, out var ip) && network.Contains(Normal(ip));

    /// <summary>
    /// An address in its usual written form only: IPv4 as four dotted numbers, since the parser also takes the old
    /// shorthands ("10.1" is 10.0.0.1), which an admin naming an address to block never means.
    /// </summary>
    private static bool TryRead(string? address, out IPAddress ip)
    {
        ip = IPAddress.None;
        if (address is null || !IPAddress.TryParse(address, out var parsed))
        {
            return false;
        }
        if (parsed.AddressFamily == AddressFamily.InterNetwork && address.AsSpan().Count('.') != 3)
        {
            return false;
        }
        ip = parsed;
        return true;
    }

    private static IPAddress Normal(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
