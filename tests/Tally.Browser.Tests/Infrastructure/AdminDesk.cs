using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>The admin desk (<c>/admin</c>) by its accessible names.</summary>
public sealed partial class AdminDesk(IPage page)
{
    public static readonly string[] Regions = ["Projections", "Suspicious votes", "Recount", "Reconciliation"];

    public ILocator Suspicious => page.GetByRole(AriaRole.Region, new() { Name = "Suspicious votes", Exact = true });

    /// <summary>The desk with <paramref name="pollId"/> in its poll id box, every region shown.</summary>
    public static async Task<AdminDesk> OpenAsync(Visitor visitor, string pollId)
    {
        await visitor.OpenAsync($"/admin?poll={pollId}");
        foreach (var region in Regions)
        {
            await Expect(visitor.Page.GetByRole(AriaRole.Region, new() { Name = region, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(visitor.Page.GetByRole(AriaRole.Textbox, new() { Name = "Poll id", Exact = true })).ToHaveValueAsync(pollId);
        return new AdminDesk(visitor.Page);
    }

    /// <summary>Asks for the poll's suspicious clusters and returns the row of the address cluster of <paramref name="address"/>.</summary>
    public async Task<ILocator> FindAddressClusterAsync(string address)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Find suspicious votes", Exact = true }).ClickAsync();
        // A velocity cluster ("burst from one address") carries the same key: the address cluster is the row naming its kind.
        var row = Suspicious.GetByRole(AriaRole.Row).Filter(new() { HasText = address }).Filter(new() { HasTextRegex = AddressKind() });
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    public async Task RetractAsync(ILocator cluster, string reason)
    {
        await cluster.GetByRole(AriaRole.Button, new() { Name = "Retract", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Reason", Exact = true }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm retraction", Exact = true }).ClickAsync();
    }

    [GeneratedRegex(@"same address|ip[ _]address", RegexOptions.IgnoreCase)]
    private static partial Regex AddressKind();
}
