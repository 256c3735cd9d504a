using Tally.Server.Tests.Infrastructure;
using Tally.Testing;

namespace Tally.Server.Tests.Observability;

public sealed class HealthEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task AHealthyHostIsLiveAndReady(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await host.Voter("alice").VoteAsync(id, 1), 201);

        Assert.Equal("ok", (string?)(await Expect.JsonAsync(await host.Client.GetAsync("/health/live"), 200))["status"]);
        await Eventually.HoldsAsync(async () => (await host.Client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the ledger answers and the views catch up with the vote");
        Assert.Equal("ok", (string?)(await Expect.JsonAsync(await host.Client.GetAsync("/health/ready"), 200))["status"]);
        Assert.Equal("ok", (string?)(await Expect.JsonAsync(await host.Client.GetAsync("/health"), 200))["status"]);
    }

    [Fact]
    public async Task AHostThatCannotReadItsLedgerIsLiveButNotReady()
    {
        await using var servers = SharedServers.Create();
        await using var host = await TallyTestHost.StartOnAsync(servers);
        await Expect.JsonAsync(await host.Client.GetAsync("/health/ready"), 200);
        // The ledger's head is what readiness reads: take it away, as a restore gone wrong would.
        await using (var ledger = await servers.OpenLedgerAsync())
        {
            await using var rename = ledger.CreateCommand();
            rename.CommandText = "ALTER TABLE event_head RENAME TO event_head_gone";
            await rename.ExecuteNonQueryAsync();
        }

        await Eventually.HoldsAsync(async () => (int)(await host.Client.GetAsync("/health/ready")).StatusCode == 503,
            TimeSpan.FromSeconds(30), "readiness notices the ledger is gone");
        var problem = await Expect.ProblemAsync(await host.Client.GetAsync("/health/ready"), 503, "SERVICE_UNAVAILABLE");
        Assert.Contains("ledger", (string?)problem["detail"]);
        await Expect.JsonAsync(await host.Client.GetAsync("/health/live"), 200);
    }
}
