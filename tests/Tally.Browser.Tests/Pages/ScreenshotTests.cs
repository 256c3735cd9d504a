using Microsoft.Playwright;
using Tally.Browser.Tests.Infrastructure;

namespace Tally.Browser.Tests.Pages;

/// <summary>
/// Pictures of the pages as a person sees them, saved under artifacts/screenshots/ at the repository's root (the README
/// shows copies from docs/screenshots/); at phone width nothing may stick out sideways.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ScreenshotTests(EmbeddedSite site)
{
    [Fact]
    public async Task ThePollPageAtDesktopAndPhoneSize()
    {
        var farm = await BotFarm.SeedAsync(site);
        var username = People.NewUsername("ruth");
        await using (var desktop = await site.NewVisitorAsync(Viewports.Desktop))
        {
            await desktop.SignUpAsync(username, People.Password);
            var poll = await PollPage.OpenAsync(desktop, farm.PollId, BotFarm.Question);
            await poll.VoteAsync("Line 4", "north");
            await poll.ExpectTotalAsync((int)BotFarm.WithBots.Sum() + 1);
            await poll.ExpectHeatmapAndGainsAsync("south", BotFarm.BotOption);
            await SaveAsync(desktop, "poll-desktop.png");
            desktop.AssertCleanVisit();
        }
        await using var phone = await site.NewVisitorAsync(Viewports.Phone);
        await phone.SignInAsync(username, People.Password);
        var onPhone = await PollPage.OpenAsync(phone, farm.PollId, BotFarm.Question);
        await onPhone.ExpectTotalAsync((int)BotFarm.WithBots.Sum() + 1);
        await onPhone.ExpectHeatmapAndGainsAsync("south", BotFarm.BotOption);
        await AssertFitsTheWidthAsync(phone);
        await SaveAsync(phone, "poll-phone.png");
        phone.AssertCleanVisit();
    }

    [Fact]
    public async Task TheAdminDesk()
    {
        var farm = await BotFarm.SeedAsync(site);
        var username = People.NewUsername("ada");
        await site.RegisterAdminAsync(username, People.Password);
        await using var admin = await site.NewVisitorAsync(Viewports.Desktop);
        await admin.SignInAsync(username, People.Password);
        var desk = await AdminDesk.OpenAsync(admin, farm.PollId);
        await desk.FindAddressClusterAsync(BotFarm.BotAddress);
        await SaveAsync(admin, "admin-desk.png");
        admin.AssertCleanVisit();
    }

    private static async Task AssertFitsTheWidthAsync(Visitor visitor)
    {
        var widths = await visitor.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (content, viewport) = (widths[0], widths[1]);
        Assert.True(content <= viewport, $"The page is {content} px wide in a {viewport} px viewport.");
    }

    private static async Task SaveAsync(Visitor visitor, string name)
    {
        var path = Path.Combine(RepositoryFolder.Screenshots, name);
        await visitor.Page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 0, $"{path} is empty.");
        TestContext.Current.SendDiagnosticMessage($"Screenshot: {path}");
    }
}
