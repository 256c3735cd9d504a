using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>
/// A real Tally server in a process of its own (free port, temp data folder) and one headless Chromium, shared by a
/// collection; each test opens its own browser context through <see cref="NewVisitorAsync"/>. The external issuer's
/// "root" is an admin; votes forwarded by a proxy on loopback carry the address it names.
/// </summary>
public abstract class TallySite : IAsyncLifetime
{
    public const string RootSubject = "root";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();
    private SharedServers? _servers;
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public byte[] ExternalKey { get; } = RandomNumberGenerator.GetBytes(32);

    public Uri Address => _server?.Address ?? throw new InvalidOperationException("The site has not started.");

    /// <summary>An anonymous API client of the site; requests add their own bearer token.</summary>
    public HttpClient Api { get; private set; } = new();

    /// <summary>PostgreSQL and Redis for the server, or none for the embedded stack (SQLite ledger, memory views).</summary>
    protected abstract SharedServers? CreateServers();

    public async ValueTask InitializeAsync()
    {
        // Playwright's driver ships in its package; the browser is Debian's, never a download.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout((float)TimeSpan.FromSeconds(30).TotalMilliseconds);
        _servers = CreateServers();
        _server = await ServerProcess.StartAsync(_folder.Path, ExternalKey, Patience,
        [
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            $"--Tally:Auth:Admins:0:Issuer={TestTokens.ExternalIssuer}",
            $"--Tally:Auth:Admins:0:Subject={RootSubject}",
            "--Tally:Network:TrustedProxies:0=127.0.0.1",
            .. _servers?.NodeSettings ?? [],
        ]);
        Api = new HttpClient { BaseAddress = _server.Address, Timeout = Patience };
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (no cookies, no storage) with one page, at desktop size unless told.</summary>
    public async Task<Visitor> NewVisitorAsync(ViewportSize? viewport = null)
    {
        var browser = _browser ?? throw new InvalidOperationException("The site has not started.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = viewport ?? Viewports.Desktop,
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        return new Visitor(context, await context.NewPageAsync(), Address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        Api.Dispose();
        _server?.Dispose();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
