using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Tally.Domain.Errors;
using Tally.Ledger.Diagnostics;
using Tally.Server.Admin;
using Tally.Server.Contracts;
using Tally.Server.Problems;
using Tally.Sync;

namespace Tally.Server.Observability;

public static class ObservabilitySetup
{
    private const string MetricsPath = "/metrics";
    private const string ReadyTag = "ready";

    /// <summary>
    /// The meters exported in Prometheus text (<c>Tally:Metrics</c>), the metrics listener when one is configured, and the
    /// health checks (<c>Tally:Health</c>).
    /// </summary>
    public static WebApplicationBuilder AddTallyObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("tally")).WithMetrics(metrics => metrics
            // System.Runtime: the GC's allocated-bytes counter, which the bench divides by votes.
            .AddMeter(LedgerMetrics.MeterName, SyncMetrics.MeterName, ServerMetrics.MeterName, "System.Runtime")
            .AddPrometheusExporter());
        builder.Services.AddHealthChecks()
            .AddCheck<LedgerHealthCheck>(LedgerHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<ViewsHealthCheck>(ViewsHealthCheck.Name, tags: [ReadyTag]);

        // Kestrel listens on the metrics URLs beside the service's own; the settings are checked before it binds either.
        var listener = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!string.IsNullOrWhiteSpace(listener.Urls))
        {
            var service = ServiceUrls(builder.WebHost).ToList();
            // The listener is told apart by its port: sharing one with the service would serve metrics there without a token.
            var shared = listener.Listeners().Select(url => url.Port)
                .Intersect(service.Select(url => Uri.TryCreate(url.Replace("*", "localhost").Replace("+", "localhost"), UriKind.Absolute, out var uri) ? uri.Port : -1))
                .ToList();
            if (shared.Count > 0)
            {
                throw new OptionsValidationException(MetricsOptions.Section, typeof(MetricsOptions),
                    [$"{MetricsOptions.Section}:Urls must use ports of its own; {string.Join(", ", shared)} is also a port of Urls."]);
            }
            builder.WebHost.UseUrls([.. service, listener.Urls]);
        }
        return builder;
    }

    /// <summary>
    /// First in the pipeline: a connection to the metrics listener gets <c>/metrics</c> without a token and nothing else.
    /// It is told apart by the port it reached, never by its Host header, which a client writes.
    /// </summary>
    public static WebApplication UseTallyMetricsListener(this WebApplication app)
    {
        var ports = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Listeners().Select(url => url.Port).ToHashSet();
        if (ports.Count > 0)
        {
            app.MapWhen(http => ports.Contains(http.Connection.LocalPort), metrics =>
            {
                metrics.UseOpenTelemetryPrometheusScrapingEndpoint();
                // Routing has already picked the service's endpoint for the path; it must not run here.
                metrics.Run(http => Problem.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"This listener serves only {MetricsPath}.").ExecuteAsync(http));
            });
        }
        return app;
    }

    /// <summary><c>/metrics</c> for admins on the service's port, and the two health checks beside the plain <c>/health</c>.</summary>
    public static WebApplication MapTallyObservability(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AdminRequirement.Policy).WithTags("Status");
        // Live: the process answers. No check runs, so a slow ledger never gets a healthy process restarted.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).WithTags("Status");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Status");
        return app;
    }

    /// <summary>The same body as <c>/health</c> when healthy; otherwise problem+json naming what is not ready.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            return TypedResults.Ok(new HealthResponse("ok")).ExecuteAsync(http);
        }
        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description}");
        return Problem.Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, $"Not ready. {string.Join(" ", failing)}").ExecuteAsync(http);
    }

    /// <summary>The URLs the host would listen on without the metrics listener, read the way the host reads them.</summary>
    private static IEnumerable<string> ServiceUrls(IWebHostBuilder host)
    {
        if (host.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var ports = PortsOf(host, WebHostDefaults.HttpPortsKey, "http").Concat(PortsOf(host, WebHostDefaults.HttpsPortsKey, "https")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static IEnumerable<string> PortsOf(IWebHostBuilder host, string key, string scheme) =>
        (host.GetSetting(key) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => $"{scheme}://*:{port}");
}
