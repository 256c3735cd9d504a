using Microsoft.Playwright;

namespace Tally.Browser.Tests.Infrastructure;

public static class Viewports
{
    public static ViewportSize Desktop => new() { Width = 1280, Height = 800 };

    public static ViewportSize Phone => new() { Width = 390, Height = 844 };
}
