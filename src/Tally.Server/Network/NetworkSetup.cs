using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Tally.Server.Network;

public static class NetworkSetup
{
    /// <summary>Kestrel's connection, header and request-line limits, and the trusted proxies (<c>Tally:Network</c>).</summary>
    public static WebApplicationBuilder AddTallyNetwork(this WebApplicationBuilder builder)
    {
        var network = builder.Configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = network.MaxConnections;
            kestrel.Limits.MaxRequestHeaderCount = network.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = network.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestLineSize = network.MaxRequestLineBytes;
            kestrel.Limits.RequestHeadersTimeout = network.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = network.KeepAliveTimeout;
        });
        builder.Services.AddSingleton(network);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // The framework trusts loopback out of the box; only what is configured may speak for a client.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // A chain of trusted proxies is walked back to the first address none of them owns.
            forwarded.ForwardLimit = null;
            foreach (var proxy in network.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var range))
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
                else if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException($"Tally:Network:TrustedProxies has '{proxy}'; use an address (10.0.0.5) or a network (10.0.0.0/8).");
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after (limits, the vote's stored address) sees the real client.</summary>
    public static WebApplication UseTallyNetwork(this WebApplication app)
    {
        if (app.Services.GetRequiredService<NetworkOptions>().TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
