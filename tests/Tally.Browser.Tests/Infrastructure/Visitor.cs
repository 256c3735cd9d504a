using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>One person at the site: a browser context of their own and the page they look at, used by its accessible names.</summary>
public sealed partial class Visitor : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _elsewhere = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public Visitor(IBrowserContext context, IPage page, Uri site)
    {
        _context = context;
        Page = page;
        // Everything a page needs ships with the server: a request to any other origin is a CDN or a font host.
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss"
                && !(url.Host == site.Host && url.Port == site.Port))
            {
                _elsewhere.Enqueue(request.Url);
            }
        };
        // A script error or a Content-Security-Policy refusal shows as an error on the console; an API's 4xx answer
        // (401 from GET /v1/auth/session before signing in) is logged there too, and is no fault.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
            {
                _errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
    }

    public IPage Page { get; }

    public async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
    }

    public Task SignUpAsync(string username, string password) => SubmitCredentialsAsync("/signup", "Sign up", username, password);

    public Task SignInAsync(string username, string password) => SubmitCredentialsAsync("/signin", "Sign in", username, password);

    /// <summary>Fills the new poll form (options in order, more than two through "Add option") and returns the created poll's id.</summary>
    public async Task<string> CreatePollAsync(string question, params string[] options)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "New poll", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Question", Exact = true }).FillAsync(question);
        for (var i = 0; i < options.Length; i++)
        {
            var option = Page.GetByRole(AriaRole.Textbox, new() { Name = $"Option {i + 1}", Exact = true });
            if (i >= 2 && await option.CountAsync() == 0)
            {
                await Page.GetByRole(AriaRole.Button, new() { Name = "Add option", Exact = true }).ClickAsync();
            }
            await option.FillAsync(options[i]);
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create poll", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(PollAddress());
        return PollAddress().Match(Page.Url).Groups[1].Value;
    }

    /// <summary>Leaves a mark in the page's window: it survives anything but a reload or another document.</summary>
    public Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.tallyTestMark = true; }");

    public async Task AssertSameDocumentAsync() =>
        Assert.True(await Page.EvaluateAsync<bool>("() => window.tallyTestMark === true"), "The page was reloaded or left.");

    /// <summary>So far no request went anywhere but the site's own origin, and no script error or refusal reached the console.</summary>
    public void AssertCleanVisit()
    {
        Assert.True(_elsewhere.IsEmpty, "Requests left the site: " + string.Join(", ", _elsewhere.Distinct()));
        Assert.True(_errors.IsEmpty, "Errors on the console: " + string.Join("\n", _errors));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private async Task SubmitCredentialsAsync(string path, string button, string username, string password)
    {
        await OpenAsync(path);
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Username", Exact = true }).FillAsync(username);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/polls/([0-9a-fA-F-]{36})(?:[?#].*)?$")]
    private static partial Regex PollAddress();
}
