using Microsoft.Playwright;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright; never a browser Playwright downloads.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: run via scripts/test.sh, or install Debian's package (apt-get install -y chromium).");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Chromium's sandbox refuses to run as root.
            ChromiumSandbox = Environment.UserName != "root",
            // The machine's network is closed: without these Chromium keeps dialling Google's services.
            Args =
            [
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
    }
}
