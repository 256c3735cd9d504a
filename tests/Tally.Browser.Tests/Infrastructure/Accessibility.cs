using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>axe-core's scan of the page as it stands; serious and critical violations fail the test.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToArray();
        Assert.True(blocking.Length == 0, $"{what} ({page.Url}) has accessibility violations:\n" + string.Join("\n", blocking.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")));
        Assert.NotEmpty(result.Passes);
    }
}
