using Microsoft.Playwright;
using Tally.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tally.Browser.Tests.Admin;

/// <summary>An admin at the desk retracts a bot farm's address cluster while someone watches the poll, on each stack.</summary>
public abstract class FraudReviewScenario(TallySite site)
{
    [Fact]
    public async Task AnAdminRetractsASuspiciousClusterAndTheWatchingChartDrops()
    {
        var farm = await BotFarm.SeedAsync(site);
        await using var watcher = await site.NewVisitorAsync();
        var watching = await PollPage.OpenAsync(watcher, farm.PollId, BotFarm.Question);
        await watching.ExpectVotesAsync(BotFarm.BotOption, (int)BotFarm.WithBots[1]);
        await watching.ExpectTotalAsync((int)BotFarm.WithBots.Sum());
        await watcher.MarkDocumentAsync();

        var username = People.NewUsername("desk");
        await site.RegisterAdminAsync(username, People.Password);
        await using var admin = await site.NewVisitorAsync();
        await admin.SignInAsync(username, People.Password);
        var desk = await AdminDesk.OpenAsync(admin, farm.PollId);
        var cluster = await desk.FindAddressClusterAsync(BotFarm.BotAddress);
        await Expect(cluster).ToContainTextAsync(BotFarm.Bots.ToString());

        var dryRun = await admin.Page.RunAndWaitForResponseAsync(
            () => cluster.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync(),
            response => response.Url.Contains("/retractions") && response.Request.Method == "POST");
        Assert.Equal(200, dryRun.Status);
        Assert.Equal(BotFarm.WithBots, await site.VotesAsync(farm.PollId));

        await desk.RetractAsync(cluster, "Vote farm: twelve ballots from one address");

        await watching.ExpectVotesAsync(BotFarm.BotOption, (int)BotFarm.WithoutBots[1]);
        await watching.ExpectTotalAsync((int)BotFarm.WithoutBots.Sum());
        await watcher.AssertSameDocumentAsync();
        watcher.AssertCleanVisit();
        admin.AssertCleanVisit();
        Assert.Equal(BotFarm.WithoutBots, await site.VotesAsync(farm.PollId));
    }
}
