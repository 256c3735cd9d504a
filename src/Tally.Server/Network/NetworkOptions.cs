using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Tally.Server.Network;

/// <summary>Bound from <c>Tally:Network</c>: which proxies are believed, and how much any one connection may send; checked at start (the proxies by <see cref="NetworkOptionsValidator"/>).</summary>
public sealed class NetworkOptions
{
    public const string Section = "Tally:Network";

    /// <summary>
    /// Addresses ("10.0.0.5") or networks ("10.0.0.0/8") of reverse proxies whose X-Forwarded-For names the client.
    /// Empty (the default): the header is ignored and the client is the socket's peer.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    [Range(1, int.MaxValue, ErrorMessage = Section + ":MaxConnections must be at least 1.")]
    public int MaxConnections { get; set; } = 20_000;

    [Range(1, int.MaxValue, ErrorMessage = Section + ":MaxRequestHeaderCount must be at least 1.")]
    public int MaxRequestHeaderCount { get; set; } = 64;

    [Range(1, int.MaxValue, ErrorMessage = Section + ":MaxRequestHeadersBytes must be at least 1.")]
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    [Range(1, int.MaxValue, ErrorMessage = Section + ":MaxRequestLineBytes must be at least 1.")]
    public int MaxRequestLineBytes { get; set; } = 4 * 1024;

    /// <summary>How long a client may take to send its request headers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = Section + ":RequestHeadersTimeout must be positive and at most 1.00:00:00.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = Section + ":KeepAliveTimeout must be positive and at most 1.00:00:00.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads one <see cref="TrustedProxies"/> entry: a network, else a single address; false when it is neither.</summary>
    internal static bool TryReadProxy(string entry, out System.Net.IPNetwork network, out IPAddress? address)
    {
        address = null;
        return System.Net.IPNetwork.TryParse(entry, out network) || IPAddress.TryParse(entry, out address);
    }
}
