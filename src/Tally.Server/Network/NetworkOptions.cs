namespace Tally.Server.Network;

/// <summary>Bound from <c>Tally:Network</c>: which proxies are believed, and how much any one connection may send.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Tally:Network";

    /// <summary>
    /// Addresses ("10.0.0.5") or networks ("10.0.0.0/8") of reverse proxies whose X-Forwarded-For names the client.
    /// Empty (the default): the header is ignored and the client is the socket's peer.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public int MaxConnections { get; set; } = 20_000;

    public int MaxRequestHeaderCount { get; set; } = 64;

    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    public int MaxRequestLineBytes { get; set; } = 4 * 1024;

    /// <summary>How long a client may take to send its request headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
