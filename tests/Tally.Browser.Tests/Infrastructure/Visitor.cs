using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>One person at the site: a browser context of their own and the page they look at.</summary>
public sealed class Visitor : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _elsewhere = new();

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
    }

    public IPage Page { get; }

    public async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
    }

    /// <summary>No request so far went anywhere but the site's own origin.</summary>
    public void AssertStayedOnTheSite() =>
        Assert.True(_elsewhere.IsEmpty, "Requests left the site: " + string.Join(", ", _elsewhere.Distinct()));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
