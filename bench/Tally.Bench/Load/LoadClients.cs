using System.Net;

namespace Tally.Bench.Load;

/// <summary>HTTP/1.1 keep-alive clients sharing one connection pool, one connection per concurrent client.</summary>
public static class LoadClients
{
    public static SocketsHttpHandler CreateHandler(int maxConnections) => new()
    {
        MaxConnectionsPerServer = maxConnections,
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };

    public static HttpClient Create(HttpMessageHandler handler, Uri baseAddress) => new(handler, disposeHandler: false)
    {
        BaseAddress = baseAddress,
        // Generous but finite: a stuck server turns into counted errors instead of a hung benchmark.
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
}
