using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Auth;
using Tally.Server.Tests.Infrastructure;
using Tally.Testing;

namespace Tally.Server.Tests.Web;

public sealed class BrowserSessionTests
{
    private const string NoToken = "";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task SigningInSetsAnHttpOnlyStrictCookieHoldingTallysOwnToken(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var registered = await Expect.JsonAsync(
            await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = "correct horse" }), 201);

        var response = await host.Client.PostAsJsonAsync("/v1/auth/session", new { username = "Alice", password = "correct horse" });
        var session = await Expect.JsonAsync(response, 200);
        Assert.Equal((string?)registered["user_id"], (string?)session["user_id"]);
        Assert.Equal("alice", (string?)session["username"]);
        Assert.False((bool)session["is_admin"]!);
        Assert.False(string.IsNullOrEmpty((string?)session["csrf_token"]));
        Assert.Equal(43200, (int)session["expires_in"]!);
        Assert.Null(session["access_token"]);

        var cookie = SessionCookieOf(response);
        var attributes = Attributes(cookie);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("max-age=43200", attributes);
        Assert.DoesNotContain("secure", attributes);
        // The cookie is a token this server accepts as a bearer token too: the same user.
        var token = cookie[(SessionCookie.Name.Length + 1)..cookie.IndexOf(';')];
        var poll = await host.CreatePollAsync(host.NewClient(token));
        Assert.Equal((string?)registered["user_id"], (string?)poll["owner_id"]);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.0/8", false)]
    public async Task SigningInOverHttpsThroughATrustedProxyMarksTheCookieSecure(string trustedProxy, bool secure)
    {
        await using var host = await TallyTestHost.StartAsync($"--Tally:Network:TrustedProxies:0={trustedProxy}");
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "peggy", password = "correct horse" }), 201);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/session") { Content = JsonContent.Create(new { username = "peggy", password = "correct horse" }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await host.Client.SendAsync(request);

        await Expect.StatusAsync(response, 200);
        Assert.Equal(secure, Attributes(SessionCookieOf(response)).Contains("secure"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AWrongPasswordSetsNoCookie(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "bob", password = "s3cret-pass" }), 201);

        var response = await host.Client.PostAsJsonAsync("/v1/auth/session", new { username = "bob", password = "wrong-pass" });
        await Expect.ProblemAsync(response, 401, "INVALID_CREDENTIALS");
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SessionSignInsShareTheLoginLockout()
    {
        await using var host = await TallyTestHost.StartAsync(
            "--Tally:Limits:LoginFailures:PerAccount:Threshold=2", "--Tally:Limits:LoginFailures:PerAccount:Lockout=00:10:00");
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "carol", password = "s3cret-pass" }), 201);
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "carol", password = "wrong-1" }), 401, "INVALID_CREDENTIALS");
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/session", new { username = "carol", password = "wrong-2" }), 401, "INVALID_CREDENTIALS");

        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/session", new { username = "carol", password = "s3cret-pass" }), 429, "RATE_LIMITED");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheCookieAloneAnswersWhoIsSignedIn(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var (browser, signedIn) = await Browser.SignUpAsync(host, "dave");
        using var _ = browser;

        var session = await Expect.JsonAsync(await browser.Client.GetAsync("/v1/auth/session"), 200);
        Assert.Equal((string?)signedIn["user_id"], (string?)session["user_id"]);
        Assert.Equal("dave", (string?)session["username"]);
        Assert.InRange((int)session["expires_in"]!, 43000, 43200);
        Assert.False(string.IsNullOrEmpty((string?)session["csrf_token"]));

        await Expect.ProblemAsync(await host.Client.GetAsync("/v1/auth/session"), 401, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task ABearerTokenAlsoAnswersItsSessionWithTheAdminFlag()
    {
        await using var host = await TallyTestHost.StartAsync(
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");

        var admin = await Expect.JsonAsync(await host.Voter("root").GetAsync("/v1/auth/session"), 200);
        Assert.True((bool)admin["is_admin"]!);
        Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)admin["user_id"]);
        Assert.False((bool)(await Expect.JsonAsync(await host.Voter("someone").GetAsync("/v1/auth/session"), 200))["is_admin"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ACookieSignedInVoteNeedsTheAntiForgeryToken(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var (browser, _) = await Browser.SignUpAsync(host, "erin");
        using var __ = browser;

        await Expect.ProblemAsync(await browser.VoteAsync(id, 1, NoToken), 403, "CSRF_TOKEN_INVALID");
        await Expect.ProblemAsync(await browser.VoteAsync(id, 1, "not-a-token"), 403, "CSRF_TOKEN_INVALID");
        var (other, _) = await Browser.SignUpAsync(host, "frank");
        using var ___ = other;
        await Expect.ProblemAsync(await browser.VoteAsync(id, 1, other.CsrfToken), 403, "CSRF_TOKEN_INVALID");
        Assert.Empty(await host.Ledger.VotesAsync(Guid.Parse(id)));

        await Expect.StatusAsync(await browser.VoteAsync(id, 1), 201);
        Assert.Single(await host.Ledger.VotesAsync(Guid.Parse(id)));
        // The token from a later GET of the session holds too.
        var fresh = (string?)(await Expect.JsonAsync(await browser.Client.GetAsync("/v1/auth/session"), 200))["csrf_token"];
        await Expect.StatusAsync(await browser.SendAsync(HttpMethod.Delete, $"/v1/polls/{id}/votes/me", csrfToken: fresh), 200);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task BearerWritesNeedNoAntiForgeryTokenEvenBesideACookie(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var (browser, _) = await Browser.SignUpAsync(host, "grace");
        using var __ = browser;
        browser.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.MintToken("api-client"));

        await Expect.StatusAsync(await browser.VoteAsync(id, 2, NoToken), 201);
        var vote = Assert.Single(await host.Ledger.VotesAsync(Guid.Parse(id)));
        Assert.Equal(TallyTestHost.VoterIdOf("api-client"), vote.VoterId);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task SigningOutClearsTheCookie(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var (browser, _) = await Browser.SignUpAsync(host, "heidi");
        using var __ = browser;

        await Expect.ProblemAsync(await browser.SendAsync(HttpMethod.Delete, "/v1/auth/session", csrfToken: NoToken), 403, "CSRF_TOKEN_INVALID");
        await Expect.StatusAsync(await browser.Client.GetAsync("/v1/auth/session"), 200);

        var response = await browser.SendAsync(HttpMethod.Delete, "/v1/auth/session");
        await Expect.StatusAsync(response, 204);
        var cleared = SessionCookieOf(response);
        Assert.StartsWith($"{SessionCookie.Name}=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        await Expect.ProblemAsync(await browser.Client.GetAsync("/v1/auth/session"), 401, "UNAUTHENTICATED");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AForgedOrExpiredCookieSignsNobodyIn(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var ownKey = host.Services.GetRequiredService<SigningKey>().SecurityKey.Key;
        var subject = Guid.NewGuid().ToString();
        string[] cookies =
        [
            TestTokens.Mint(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "tally", subject),
            TestTokens.Mint(ownKey, "tally", subject, expires: DateTime.UtcNow.AddMinutes(-5)),
            "not.a.token",
        ];
        foreach (var value in cookies)
        {
            using var browser = Browser.Open(host);
            browser.Cookies.Add(host.BaseAddress, new Cookie(SessionCookie.Name, value));
            await Expect.ProblemAsync(await browser.Client.GetAsync("/v1/auth/session"), 401, "UNAUTHENTICATED");
            await Expect.ProblemAsync(await browser.VoteAsync(id, 1, NoToken), 401, "UNAUTHENTICATED");
        }
        Assert.Empty(await host.Ledger.VotesAsync(Guid.Parse(id)));
    }

    private static string[] Attributes(string cookie) =>
        cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();

    private static string SessionCookieOf(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
}
