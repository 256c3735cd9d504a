using System.Net;
using System.Net.Sockets;

namespace Tally.Server.Limits;

/// <summary>
/// The address limits are keyed by: the connection's remote address, which the forwarded-headers middleware has already
/// replaced with the client a trusted proxy named — the same address a vote is stored with.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // One IPv6 host is handed a whole /64; counting addresses inside it would let it rotate past every limit.
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
