using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Limits;

public sealed class SecurityHeaderTests
{
    private const string Allowed = "https://vote.example.org";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task EveryAnswerCarriesTheSecurityHeaders(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var ok = await host.Client.GetAsync("/health");
        var notFound = await host.Client.GetAsync($"/v1/polls/{Guid.NewGuid()}");
        var unauthorized = await host.NewClient("not-a-token").PostAsync("/v1/polls", null);
        await Expect.StatusAsync(ok, 200);
        await Expect.StatusAsync(notFound, 404);
        await Expect.StatusAsync(unauthorized, 401);
        foreach (var response in new[] { ok, notFound, unauthorized })
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Null(Header(response, "Strict-Transport-Security"));
        }
        Assert.Null(ok.Headers.CacheControl);
        Assert.True(unauthorized.Headers.CacheControl?.NoStore, "an answer to a request that carried credentials is never stored");

        var mine = await host.Voter("v").GetAsync("/v1/polls");
        await Expect.StatusAsync(mine, 200);
        Assert.True(mine.Headers.CacheControl?.NoStore);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task HstsIsSentWhenConfigured(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Headers:Hsts=true");
        Assert.Equal("max-age=31536000; includeSubDomains", Header(await host.Client.GetAsync("/health"), "Strict-Transport-Security"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task APreflightIsAllowedForAConfiguredOriginAndRefusedOtherwise(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, $"--Tally:Cors:AllowedOrigins:0={Allowed}");
        var allowed = await host.Client.SendAsync(Preflight(Allowed));
        Assert.True(allowed.IsSuccessStatusCode, $"{(int)allowed.StatusCode}");
        Assert.Equal(Allowed, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(allowed, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(allowed, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);

        Assert.Null(Header(await host.Client.SendAsync(Preflight("https://elsewhere.example")), "Access-Control-Allow-Origin"));

        var actual = new HttpRequestMessage(HttpMethod.Get, "/health");
        actual.Headers.Add("Origin", Allowed);
        Assert.Equal(Allowed, Header(await host.Client.SendAsync(actual), "Access-Control-Allow-Origin"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task CorsIsClosedByDefault(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var response = await host.Client.SendAsync(Preflight(Allowed));
        Assert.False(response.IsSuccessStatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/polls");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
