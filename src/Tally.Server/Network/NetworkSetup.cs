using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Tally.Server.Network;

public static class NetworkSetup
{
    /// <summary>Kestrel's connection, header and request-line limits, and the trusted proxies (<c>Tally:Network</c>).</summary>
    public static WebApplicationBuilder AddTallyNetwork(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>().Bind(builder.Configuration.GetSection(NetworkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        // Kestrel and the forwarded headers read the settings when the server starts, after they have been checked.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<NetworkOptions>>((kestrel, options) =>
        {
            var network = options.Value;
            kestrel.Limits.MaxConcurrentConnections = network.MaxConnections;
            kestrel.Limits.MaxRequestHeaderCount = network.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = network.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestLineSize = network.MaxRequestLineBytes;
            kestrel.Limits.RequestHeadersTimeout = network.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = network.KeepAliveTimeout;
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            // The scheme too: behind a proxy that ends TLS, the session cookie is still marked Secure.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback out of the box; only what is configured may speak for a client.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // A chain of trusted proxies is walked back to the first address none of them owns.
            forwarded.ForwardLimit = null;
            foreach (var proxy in network.Value.TrustedProxies)
            {
                NetworkOptions.TryReadProxy(proxy, out var range, out var address);
                if (address is null)
                {
                    forwarded.KnownIPNetworks.Add(range);
                }
                else
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after (limits, the vote's stored address) sees the real client.</summary>
    public static WebApplication UseTallyNetwork(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
