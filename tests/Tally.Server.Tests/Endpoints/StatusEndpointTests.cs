using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class StatusEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task HealthAnswersOk(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var health = await Expect.JsonAsync(await host.Client.GetAsync("/health"), 200);
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task SyncStatusShowsEveryProjectionAtTheLedgerHeadOnceCaughtUp(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        long last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = (long)(await Expect.JsonAsync(await host.Voter($"v{i}").VoteAsync(id, 1), 201))["sequence"]!;
        }
        await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);

        var status = await Expect.JsonAsync(await host.Client.GetAsync("/v1/sync/status"), 200);
        var head = await host.Ledger.LastSequenceAsync();
        Assert.Equal(last, head);
        Assert.Equal(head, (long)status["ledger_sequence"]!);
        Assert.Equal(head, (long)status["applied_sequence"]!);
        Assert.Equal(0, (long)status["events_behind"]!);
        Assert.Equal(0.0, (double)status["milliseconds_behind"]!);
        Assert.Equal("leader", (string?)status["role"]);
        if (stack == Stack.Embedded)
        {
            // One embedded process always projects for itself: no election, no fencing epoch.
            Assert.Null(status["epoch"]);
        }
        else
        {
            // The only node won the election: its views are fenced by the epoch it won.
            Assert.True((long)status["epoch"]! >= 1, $"epoch {status["epoch"]}");
        }
        var projections = status["projections"]!.AsArray();
        Assert.Equal(["results", "heatmap", "delta", "voter_status", "poll_catalog", "fraud"], projections.Select(p => (string)p!["name"]!));
        Assert.All(projections, p => Assert.Equal(head, (long)p!["checkpoint"]!));
    }
}
