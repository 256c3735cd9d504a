using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Web;

/// <summary>The live stream a poll page watches: results, heatmap and delta events, for whoever the GET endpoints would answer.</summary>
public sealed class LiveEventTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheStreamCarriesResultsHeatmapAndDeltaAndUpdatesEachAfterAVote(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await host.Voter("early").VoteAsync(id, 1, "north"), 201);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await host.Client.GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await Expect.StatusAsync(response, 200);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await RoundWithTotalAsync(reader, 1, timeout.Token);
        Assert.Equal([1L, 0L], Regions(first.Heatmap));
        Assert.Equal("5m", (string?)first.Delta["since"]);
        Assert.Equal([1L, 0L, 0L], first.Delta["options"]!.AsArray().Select(o => (long)o!["votes"]!));

        await Expect.StatusAsync(await host.Voter("late").VoteAsync(id, 2, "south"), 201);
        var changed = await RoundWithTotalAsync(reader, 2, timeout.Token);
        Assert.Equal([1L, 1L], Regions(changed.Heatmap));
        Assert.Equal(2, (long)changed.Delta["total_votes"]!);
        Assert.Equal([1L, 1L, 0L], changed.Delta["options"]!.AsArray().Select(o => (long)o!["votes"]!));

        // The same JSON as the GET endpoints answer (nothing has changed since).
        var heatmap = await host.Client.GetFromJsonAsync<JsonObject>($"/v1/polls/{id}/heatmap", timeout.Token);
        Assert.True(JsonNode.DeepEquals(heatmap, changed.Heatmap), $"{heatmap} != {changed.Heatmap}");
        var delta = (await host.Client.GetFromJsonAsync<JsonObject>($"/v1/polls/{id}/delta", timeout.Token))!;
        Assert.Equal(
            delta.Where(p => p.Key is not "from" and not "to").Select(p => (p.Key, p.Value!.ToJsonString())),
            changed.Delta.Where(p => p.Key is not "from" and not "to").Select(p => (p.Key, p.Value!.ToJsonString())));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnOwnersCookieSessionWatchesHiddenResultsWhileOthersAreRefused(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var (owner, _) = await Browser.SignUpAsync(host, "olga");
        using var _owner = owner;
        var poll = await Expect.JsonAsync(await owner.SendAsync(HttpMethod.Post, "/v1/polls", new
        {
            title = "Secret ballot",
            options = new[] { new { text = "Yes" }, new { text = "No" } },
            settings = new { results_visibility = "after_close" },
        }), 201);
        var id = (string)poll["id"]!;
        await Expect.StatusAsync(await host.Voter("voter").VoteAsync(id, 1, region: null), 201);

        await Expect.ProblemAsync(await host.Client.GetAsync($"/v1/polls/{id}/live"), 403, "RESULTS_HIDDEN");
        await Expect.ProblemAsync(await host.Voter("voter").GetAsync($"/v1/polls/{id}/live"), 403, "RESULTS_HIDDEN");
        var (stranger, _) = await Browser.SignUpAsync(host, "stan");
        using var _stranger = stranger;
        await Expect.ProblemAsync(await stranger.Client.GetAsync($"/v1/polls/{id}/live"), 403, "RESULTS_HIDDEN");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await owner.Client.GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await Expect.StatusAsync(response, 200);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var round = await RoundWithTotalAsync(reader, 1, timeout.Token);
        Assert.Equal(id, (string?)round.Heatmap["poll_id"]);
        Assert.Equal(1, (long)round.Delta["total_votes"]!);
    }

    /// <summary>Reads rounds (results, heatmap, delta) until one's results show <paramref name="total"/> votes.</summary>
    private static async Task<(JsonObject Results, JsonObject Heatmap, JsonObject Delta)> RoundWithTotalAsync(StreamReader reader, long total, CancellationToken ct)
    {
        while (true)
        {
            var results = await EventAsync(reader, "results", ct);
            var heatmap = await EventAsync(reader, "heatmap", ct);
            var delta = await EventAsync(reader, "delta", ct);
            Assert.All([results, heatmap, delta], e => Assert.Equal((long)results["sequence"]!, (long)e["sequence"]!));
            if ((long)results["total_votes"]! == total)
            {
                return (results, heatmap, delta);
            }
            Assert.True((long)results["total_votes"]! < total, $"Expected {total} votes, the stream shows {results["total_votes"]}.");
        }
    }

    private static async Task<JsonObject> EventAsync(StreamReader reader, string expected, CancellationToken ct)
    {
        var (name, data) = await reader.NextEventAsync(ct);
        Assert.Equal(expected, name);
        return data;
    }

    private static long[] Regions(JsonObject heatmap) =>
        new[] { "north", "south" }.Select(r => heatmap["regions"]!.AsArray().Where(x => (string?)x!["region"] == r).Select(x => (long)x!["total_votes"]!).SingleOrDefault()).ToArray();
}
