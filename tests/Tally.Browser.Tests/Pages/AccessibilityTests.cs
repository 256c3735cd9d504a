using Microsoft.Playwright;
using Tally.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Pages;

/// <summary>axe-core on each page once its content has arrived: no serious or critical violation, nothing fetched from elsewhere.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class AccessibilityTests(EmbeddedSite site)
{
    [Fact]
    public async Task TheSignInPage()
    {
        await using var visitor = await site.NewVisitorAsync();
        await visitor.OpenAsync("/signin");
        await Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await ScanAsync(visitor, "The sign-in page");
    }

    [Fact]
    public async Task ThePollsList()
    {
        var farm = await BotFarm.SeedAsync(site);
        await using var visitor = await site.NewVisitorAsync();
        await visitor.OpenAsync("/");
        await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = BotFarm.Question }).First).ToBeVisibleAsync();
        await ScanAsync(visitor, "The polls list");
    }

    [Fact]
    public async Task TheNewPollForm()
    {
        await using var visitor = await site.NewVisitorAsync();
        await visitor.SignUpAsync(People.NewUsername("ida"), People.Password);
        await visitor.OpenAsync("/polls/new");
        await Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Create poll", Exact = true })).ToBeVisibleAsync();
        await ScanAsync(visitor, "The new poll form");
    }

    [Fact]
    public async Task ThePollPage()
    {
        var farm = await BotFarm.SeedAsync(site);
        await using var visitor = await site.NewVisitorAsync();
        await visitor.SignUpAsync(People.NewUsername("ivy"), People.Password);
        var poll = await PollPage.OpenAsync(visitor, farm.PollId, BotFarm.Question);
        await poll.ExpectTotalAsync((int)BotFarm.WithBots.Sum());
        await poll.ExpectHeatmapAndGainsAsync("south", BotFarm.BotOption);
        await ScanAsync(visitor, "The poll page before voting");
        await poll.VoteAsync("Line 9", "east");
        await poll.ExpectTotalAsync((int)BotFarm.WithBots.Sum() + 1);
        await ScanAsync(visitor, "The poll page after voting");
    }

    [Fact]
    public async Task TheAdminDesk()
    {
        var farm = await BotFarm.SeedAsync(site);
        var username = People.NewUsername("iris");
        await site.RegisterAdminAsync(username, People.Password);
        await using var visitor = await site.NewVisitorAsync();
        await visitor.SignInAsync(username, People.Password);
        var desk = await AdminDesk.OpenAsync(visitor, farm.PollId);
        await desk.FindAddressClusterAsync(BotFarm.BotAddress);
        await ScanAsync(visitor, "The admin desk");
    }

    private static async Task ScanAsync(Visitor visitor, string what)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(visitor.Page, what);
        visitor.AssertCleanVisit();
    }
}
