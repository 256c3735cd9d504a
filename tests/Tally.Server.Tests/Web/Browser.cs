using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Web;

/// <summary>A browser's view of Tally: cookies kept and sent as a browser does, no Authorization header of its own.</summary>
public sealed class Browser : IDisposable
{
    private Browser(TallyTestHost host)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The anti-forgery token the last session answer gave.</summary>
    public string? CsrfToken { get; private set; }

    public static Browser Open(TallyTestHost host) => new(host);

    /// <summary>Registers <paramref name="username"/> and signs in the browser way; returns the session answer.</summary>
    public static async Task<(Browser Browser, JsonObject Session)> SignUpAsync(TallyTestHost host, string username, string password = "correct horse")
    {
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username, password }), 201);
        var browser = Open(host);
        return (browser, await browser.SignInAsync(username, password));
    }

    public async Task<JsonObject> SignInAsync(string username, string password)
    {
        var session = await Expect.JsonAsync(await Client.PostAsJsonAsync("/v1/auth/session", new { username, password }), 200);
        CsrfToken = (string?)session["csrf_token"];
        return session;
    }

    /// <summary>A write with the session's anti-forgery token (or <paramref name="csrfToken"/>; none when it is empty).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? csrfToken = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var token = csrfToken ?? CsrfToken;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Add("X-CSRF-Token", token);
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> VoteAsync(string pollId, int optionId, string? csrfToken = null) =>
        SendAsync(HttpMethod.Post, $"/v1/polls/{pollId}/votes", new { option_id = optionId, region = "north" }, csrfToken);

    public void Dispose() => Client.Dispose();
}
