using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class PollEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task CreatingAPollReturnsItWithOptionIdsAndALocation(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var response = await owner.PostAsJsonAsync("/v1/polls", new
        {
            title = "Lunch",
            description = "Where to?",
            options = new[] { new { text = "Pizza" }, new { text = "Sushi" } },
            settings = new { results_visibility = "after_vote", allow_vote_change = false },
        });
        var poll = await Expect.JsonAsync(response, 201);
        Assert.Equal($"/v1/polls/{poll["id"]}", response.Headers.Location?.OriginalString);
        Assert.Equal("Lunch", (string?)poll["title"]);
        Assert.Equal("open", (string?)poll["status"]);
        Assert.Equal("after_vote", (string?)poll["settings"]!["results_visibility"]);
        Assert.Equal([1, 2], poll["options"]!.AsArray().Select(o => (int)o!["id"]!));

        var fetched = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{poll["id"]}"), 200);
        Assert.Equal("Where to?", (string?)fetched["description"]);
        Assert.Equal(["Pizza", "Sushi"], fetched["options"]!.AsArray().Select(o => (string)o!["text"]!));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task InvalidPollsAreRefusedWithFieldErrors(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var problem = await Expect.ProblemAsync(await host.Voter("owner").PostAsJsonAsync("/v1/polls", new
        {
            title = "",
            options = new[] { new { text = "Only one" } },
            start_time = "2030-01-02T00:00:00Z",
            end_time = "2030-01-01T00:00:00Z",
        }), 400, "VALIDATION_FAILED");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title"));
        Assert.True(errors.ContainsKey("options"));
        Assert.True(errors.ContainsKey("end_time"));
        Assert.Equal(0, await host.Ledger.CountRowsAsync("polls"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ListingIsNewestFirstSearchableAndPaged(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        for (var i = 1; i <= 23; i++)
        {
            await host.CreatePollAsync(owner, new { title = i % 2 == 0 ? $"Even poll {i}" : $"Odd poll {i}", options = new[] { new { text = "Y" }, new { text = "N" } } });
        }
        var first = await Expect.JsonAsync(await host.Client.GetAsync("/v1/polls"), 200);
        Assert.Equal(23, (int)first["total"]!);
        Assert.Equal(20, first["polls"]!.AsArray().Count);
        Assert.Equal("Odd poll 23", (string?)first["polls"]![0]!["title"]);
        var second = await Expect.JsonAsync(await host.Client.GetAsync("/v1/polls?page=2"), 200);
        Assert.Equal(["Odd poll 3", "Even poll 2", "Odd poll 1"], second["polls"]!.AsArray().Select(p => (string)p!["title"]!));

        var even = await Expect.JsonAsync(await host.Client.GetAsync("/v1/polls?q=EVEN"), 200);
        Assert.Equal(11, (int)even["total"]!);
        Assert.All(even["polls"]!.AsArray(), p => Assert.StartsWith("Even", (string)p!["title"]!));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyTheOwnerClosesAPollAndOnlyOnce(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner))["id"]!;

        await Expect.ProblemAsync(await host.Voter("someone").PostAsync($"/v1/polls/{id}/close", null), 403, "NOT_POLL_OWNER");
        var closed = await Expect.JsonAsync(await owner.PostAsync($"/v1/polls/{id}/close", null), 200);
        Assert.Equal("closed", (string?)closed["status"]);
        Assert.Equal("closed", (string?)(await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}"), 200))["status"]);
        // Closing again is idempotent: the poll as it is, closed at its first close, and nothing more recorded.
        var again = await Expect.JsonAsync(await owner.PostAsync($"/v1/polls/{id}/close", null), 200);
        Assert.Equal("closed", (string?)again["status"]);
        Assert.Equal((string?)closed["closed_at"], (string?)again["closed_at"]);
        Assert.Single(await host.Ledger.AuditAsync(), a => a.Action == "poll_closed");
        Assert.Single(await host.Ledger.EventsAsync(), e => e.Type == "PollClosed");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task UnknownPollsAreNotFound(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = Guid.NewGuid();
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}"), 404, "POLL_NOT_FOUND");
        await Expect.ProblemAsync(await host.Voter("x").PostAsync($"/v1/polls/{id}/close", null), 404, "POLL_NOT_FOUND");
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/results"), 404, "POLL_NOT_FOUND");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task CreatingAPollNeedsAToken(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/polls", new JsonObject()), 401, "UNAUTHENTICATED");
    }
}
