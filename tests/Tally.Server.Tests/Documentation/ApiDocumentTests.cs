using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Documentation;

public sealed partial class ApiDocumentTests
{
    [Fact]
    public async Task TheOpenApiDocumentIsVersion31AndDescribesEveryRouteTheServiceMaps()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var document = await Expect.JsonAsync(await host.Client.GetAsync("/openapi/v1.json"), 200);

        Assert.StartsWith("3.1", (string?)document["openapi"]);
        var described = document["paths"]!.AsObject().Select(p => Placeholders().Replace(p.Key, "{}")).ToHashSet();
        var mapped = host.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(route => route.StartsWith("/v1/", StringComparison.Ordinal))
            .Select(route => Placeholders().Replace(route, "{}"))
            .ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(described));
    }

    [Fact]
    public async Task TheApiReferencePageIsServedWithoutAnyOtherSite()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var page = await host.Client.GetAsync("/scalar/v1");

        Assert.Equal(200, (int)page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalScript(), html);
        var script = await host.Client.GetAsync("/scalar/scalar.js");
        Assert.Equal(200, (int)script.StatusCode);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"<script[^>]+src=""https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalScript();
}
