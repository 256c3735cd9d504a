using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Web;

/// <summary>"My polls": the catalogue's owner filter, <c>GET /v1/polls?owner=me</c>.</summary>
public sealed class MyPollsTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task OwnerMeListsOnlyTheCallersPolls(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var (browser, session) = await Browser.SignUpAsync(host, "ivan");
        using var _ = browser;
        var mine = new List<string>();
        foreach (var title in new[] { "Ivan's lunch", "Ivan's dinner" })
        {
            var created = await Expect.JsonAsync(await browser.SendAsync(HttpMethod.Post, "/v1/polls", PollNamed(title)), 201);
            mine.Add((string)created["id"]!);
        }
        var other = host.Voter("judy");
        var theirs = (string)(await host.CreatePollAsync(other, PollNamed("Judy's lunch")))["id"]!;

        var page = await Expect.JsonAsync(await browser.Client.GetAsync("/v1/polls?owner=me"), 200);
        Assert.Equal(Enumerable.Reverse(mine), Ids(page));
        Assert.Equal(2, (int)page["total"]!);
        Assert.All(page["polls"]!.AsArray(), p => Assert.Equal((string?)session["user_id"], (string?)p!["owner_id"]));

        Assert.Equal([mine[0]], Ids(await Expect.JsonAsync(await browser.Client.GetAsync("/v1/polls?owner=me&q=lunch"), 200)));
        Assert.Equal([theirs], Ids(await Expect.JsonAsync(await other.GetAsync("/v1/polls?owner=me"), 200)));
        Assert.Equal(3, (int)(await Expect.JsonAsync(await host.Client.GetAsync("/v1/polls"), 200))["total"]!);
        Assert.Empty(Ids(await Expect.JsonAsync(await host.Voter("kim").GetAsync("/v1/polls?owner=me&page=1"), 200)));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OwnerMeNeedsACallerAndNoOtherValueIsTaken(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);

        await Expect.ProblemAsync(await host.Client.GetAsync("/v1/polls?owner=me"), 401, "UNAUTHENTICATED");
        foreach (var value in new[] { "judy", "ME", "", TallyTestHost.VoterIdOf("judy") })
        {
            var problem = await Expect.ProblemAsync(await host.Voter("judy").GetAsync($"/v1/polls?owner={Uri.EscapeDataString(value)}"), 400, "VALIDATION_FAILED");
            Assert.NotNull(problem["errors"]!["owner"]);
        }
    }

    private static object PollNamed(string title) => new
    {
        title,
        options = new[] { new { text = "Yes" }, new { text = "No" } },
    };

    private static IEnumerable<string> Ids(JsonObject page) => page["polls"]!.AsArray().Select(p => (string)p!["id"]!);
}
