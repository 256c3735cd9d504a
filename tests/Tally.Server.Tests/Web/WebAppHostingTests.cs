using System.Text.RegularExpressions;
using Tally.Server.Tests.Infrastructure;
using Tally.Server.Web;

namespace Tally.Server.Tests.Web;

/// <summary>The web app as the server hosts it: its page at the app's addresses only, its bundle cached, its policy strict.</summary>
public sealed partial class WebAppHostingTests
{
    [Fact]
    public async Task TheIndexPageIsServedAtTheRootWithTheAppsContentSecurityPolicy()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var page = await host.Client.GetAsync("/");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebAppHosting.ContentSecurityPolicy, string.Join(", ", page.Headers.GetValues("Content-Security-Policy")));
        Assert.True(page.Headers.CacheControl?.NoCache, "the page names the current bundle, so it must be revalidated");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/my")]
    [InlineData("/admin")]
    [InlineData("/admin?poll=0b7e5c1e-2f1a-4b8e-9c55-4f1de0d4a111")]
    [InlineData("/polls/new")]
    [InlineData("/polls/0b7e5c1e-2f1a-4b8e-9c55-4f1de0d4a111")]
    public async Task TheAppsRoutesFallBackToTheIndexPage(string path)
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var index = await (await host.Client.GetAsync("/")).Content.ReadAsStringAsync();
        var page = await host.Client.GetAsync(path);

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal(WebAppHosting.ContentSecurityPolicy, string.Join(", ", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(index, await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/nope")]
    [InlineData("/v1/polls/0b7e5c1e-2f1a-4b8e-9c55-4f1de0d4a111/nope")]
    [InlineData("/openapi/v1/nope")]
    [InlineData("/scalar/nope/nope")]
    [InlineData("/health/nope")]
    [InlineData("/polls/not-a-poll-id")]
    [InlineData("/nope")]
    public async Task EveryOtherAddressStaysTheServersProblemNotTheAppsPage(string path)
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var answer = await host.Client.GetAsync(path);

        await Expect.ProblemAsync(answer, 404, "NOT_FOUND");
        Assert.Equal("frame-ancestors 'none'", string.Join(", ", answer.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task TheBundleIsServedUnderHashedNamesAndCachedForAYear()
    {
        await using var host = await TallyTestHost.StartAsync(Stack.Embedded);
        var html = await (await host.Client.GetAsync("/")).Content.ReadAsStringAsync();
        var assets = Asset().Matches(html).Select(m => m.Groups["path"].Value).ToList();

        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var answer = await host.Client.GetAsync(asset);
            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromDays(365), answer.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", answer.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
        }
        await Expect.ProblemAsync(await host.Client.GetAsync("/assets/main-NOSUCHHASH.js"), 404, "NOT_FOUND");
    }

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"(src|href)=""(?<path>/assets/[^""]+-[A-Z0-9]{8}\.(js|css))""")]
    private static partial Regex Asset();
}
