using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class ResultEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task ResultsCountEveryVoteOnceTheViewsReachTheVotersSequence(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        long last = 0;
        foreach (var (voter, option) in new[] { ("a", 1), ("b", 1), ("c", 2), ("d", 1) })
        {
            last = (long)(await Expect.JsonAsync(await host.Voter(voter).VoteAsync(id, option), 201))["sequence"]!;
        }

        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);
        Assert.True((bool)results["min_sequence_met"]!);
        Assert.True((long)results["sequence"]! >= last);
        Assert.Equal(4, (long)results["total_votes"]!);
        Assert.Equal("open", (string?)results["status"]);
        var options = results["options"]!.AsArray();
        Assert.Equal([3L, 1L, 0L], options.Select(o => (long)o!["votes"]!));
        Assert.Equal([75.0, 25.0, 0.0], options.Select(o => (double)o!["percentage"]!));
        Assert.Equal(["Apple", "Banana", "Cherry"], options.Select(o => (string)o!["label"]!));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AMinSequenceBeyondTheLogAnswersAfterTheBoundWithWhatItHas(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Reads:MinSequenceWait=00:00:00.200");
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence=1000000"), 200);
        Assert.False((bool)results["min_sequence_met"]!);
        Assert.Equal(0, (long)results["total_votes"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AfterVoteResultsAreHiddenUntilTheCallerVotes(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner, Poll("after_vote")))["id"]!;
        var voter = host.Voter("v1");

        await Expect.ProblemAsync(await voter.GetAsync($"/v1/polls/{id}/results"), 403, "RESULTS_HIDDEN");
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/heatmap"), 403, "RESULTS_HIDDEN");
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/live"), 403, "RESULTS_HIDDEN");
        await Expect.StatusAsync(await owner.GetAsync($"/v1/polls/{id}/results"), 200);

        var receipt = await Expect.JsonAsync(await voter.VoteAsync(id, 1, region: null), 201);
        var results = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/results?min_sequence={receipt["sequence"]}"), 200);
        Assert.Equal(1, (long)results["total_votes"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AfterCloseResultsAppearWhenThePollCloses(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner, Poll("after_close")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 2, region: null), 201);
        await Expect.ProblemAsync(await voter.GetAsync($"/v1/polls/{id}/results"), 403, "RESULTS_HIDDEN");

        await Expect.StatusAsync(await owner.PostAsync($"/v1/polls/{id}/close", null), 200);
        var results = await Expect.JsonAsync(await voter.GetAsync($"/v1/polls/{id}/results"), 200);
        Assert.Equal("closed", (string?)results["status"]);
        Assert.Equal(1, (long)results["options"]![1]!["votes"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task NeverVisibleResultsAreForTheOwnerOnly(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var owner = host.Voter("owner");
        var id = (string)(await host.CreatePollAsync(owner, Poll("never")))["id"]!;
        var voter = host.Voter("v1");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1, region: null), 201);
        await Expect.StatusAsync(await owner.PostAsync($"/v1/polls/{id}/close", null), 200);

        await Expect.ProblemAsync(await voter.GetAsync($"/v1/polls/{id}/results"), 403, "RESULTS_HIDDEN");
        var results = await Expect.JsonAsync(await owner.GetAsync($"/v1/polls/{id}/results"), 200);
        Assert.Equal(1, (long)results["total_votes"]!);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheHeatmapCountsVotesPerRegionPerOption(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        long last = 0;
        foreach (var (voter, option, region) in new[] { ("a", 1, "north"), ("b", 2, "north"), ("c", 2, "south"), ("d", 2, "south"), ("e", 3, "south") })
        {
            last = (long)(await Expect.JsonAsync(await host.Voter(voter).VoteAsync(id, option, region), 201))["sequence"]!;
        }
        await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);

        var heatmap = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/heatmap"), 200);
        var regions = heatmap["regions"]!.AsArray().ToDictionary(r => (string)r!["region"]!, r => r!["options"]!.AsArray().Select(o => (long)o!["votes"]!).ToArray());
        Assert.Equal([1L, 1L, 0L], regions["north"]);
        Assert.Equal([0L, 2L, 1L], regions["south"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheDeltaCountsVotesGainedInTheWindow(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await host.Voter("a").VoteAsync(id, 1), 201);
        var last = (long)(await Expect.JsonAsync(await host.Voter("b").VoteAsync(id, 3), 201))["sequence"]!;
        await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);

        var delta = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/delta?since=5m"), 200);
        Assert.Equal("5m", (string?)delta["since"]);
        Assert.Equal(2, (long)delta["total_votes"]!);
        Assert.Equal([1L, 0L, 1L], delta["options"]!.AsArray().Select(o => (long)o!["votes"]!));
        Assert.True(DateTimeOffset.Parse((string)delta["from"]!) <= DateTimeOffset.UtcNow.AddMinutes(-5));

        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/delta?since=forever"), 400, "VALIDATION_FAILED");
        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/delta?since=25h"), 400, "VALIDATION_FAILED");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ResultsAreWrittenAsTheRestOfTheApiWritesJsonWithTheirLength(Stack stack)
    {
        // Results have a writer of their own; a label must come out as every other answer writes it, e.g. the poll's.
        const string label = "Café \"Noir\" <b> & 'x' +1 — 投票";
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner"), new
        {
            title = "Escapes",
            options = new[] { new { text = label }, new { text = "Plain" } },
            settings = new { results_visibility = "live", allow_vote_change = false },
        }))["id"]!;

        using var poll = await host.Client.GetAsync($"/v1/polls/{id}");
        using var results = await host.Client.GetAsync($"/v1/polls/{id}/results");

        var pollBody = await poll.Content.ReadAsStringAsync();
        var resultsBody = await results.Content.ReadAsStringAsync();
        var written = JsonSerializer.Serialize(label, new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        Assert.Contains("\"text\":" + written, pollBody);
        Assert.Contains("\"label\":" + written, resultsBody);
        Assert.Equal("application/json; charset=utf-8", results.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(resultsBody), results.Content.Headers.ContentLength);
    }

    private static object Poll(string visibility) => new
    {
        title = $"Visibility {visibility}",
        options = new[] { new { text = "A" }, new { text = "B" } },
        settings = new { results_visibility = visibility, allow_vote_change = false },
    };
}
