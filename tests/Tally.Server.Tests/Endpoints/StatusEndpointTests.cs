using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class StatusEndpointTests
{
    [Fact]
    public async Task HealthAnswersOk()
    {
        await using var host = await TallyTestHost.StartAsync();
        var health = await Expect.JsonAsync(await host.Client.GetAsync("/health"), 200);
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task SyncStatusShowsEveryProjectionAtTheLedgerHeadOnceCaughtUp()
    {
        await using var host = await TallyTestHost.StartAsync();
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        long last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = (long)(await Expect.JsonAsync(await host.Voter($"v{i}").VoteAsync(id, 1), 201))["sequence"]!;
        }
        await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);

        var status = await Expect.JsonAsync(await host.Client.GetAsync("/v1/sync/status"), 200);
        var head = host.Ledger.Scalar("SELECT max(sequence) FROM events");
        Assert.Equal(last, head);
        Assert.Equal(head, (long)status["ledger_sequence"]!);
        Assert.Equal(head, (long)status["applied_sequence"]!);
        Assert.Equal(0, (long)status["events_behind"]!);
        Assert.Equal(0.0, (double)status["milliseconds_behind"]!);
        // One embedded process always projects for itself: no election, no fencing epoch.
        Assert.Equal("leader", (string?)status["role"]);
        Assert.Null(status["epoch"]);
        var projections = status["projections"]!.AsArray();
        Assert.Equal(["results", "heatmap", "delta", "voter_status", "poll_catalog"], projections.Select(p => (string)p!["name"]!));
        Assert.All(projections, p => Assert.Equal(head, (long)p!["checkpoint"]!));
    }
}
