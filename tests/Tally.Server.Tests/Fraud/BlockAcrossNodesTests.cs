using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class BlockAcrossNodesTests
{
    [Fact]
    public async Task ABlockPlacedOnOneNodeStopsVotesOnAnotherWithinItsRefreshAndLiftingItThereLetsThemIn()
    {
        await using var servers = SharedServers.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        string[] settings =
        [
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}",
            "--Tally:Auth:Admins:0:Subject=root",
            "--Tally:Network:TrustedProxies:0=127.0.0.1",
            "--Tally:Blocks:Refresh=00:00:00.200",
        ];
        await using var placing = await TallyTestHost.StartOnAsync(servers, key, settings);
        await using var voting = await TallyTestHost.StartOnAsync(servers, key, settings);
        var root = placing.Voter("root");
        var pollId = (string)(await placing.CreatePollAsync(root))["id"]!;

        var block = await Expect.JsonAsync(await root.PostJsonAsync("/v1/admin/blocks", new { ip_address = "203.0.113.9", reason = "Farm" }), 201);
        var attempt = 0;
        await Eventually.HoldsAsync(
            async () => (int)(await voting.VoteFromAsync(voting.Client, pollId, $"early-{attempt++}", 1, "203.0.113.9")).StatusCode == 403,
            TimeSpan.FromSeconds(30), "the other node refuses the blocked address", FraudDesk.Ct);
        await Expect.ProblemAsync(await voting.VoteFromAsync(voting.Client, pollId, "bot", 1, "203.0.113.9"), 403, "BLOCKED");

        await Expect.StatusAsync(await root.DeleteAsync($"/v1/admin/blocks/{block["block_id"]}", FraudDesk.Ct), 200);
        await Eventually.HoldsAsync(
            async () => (int)(await voting.VoteFromAsync(voting.Client, pollId, $"late-{attempt++}", 1, "203.0.113.9")).StatusCode == 201,
            TimeSpan.FromSeconds(30), "the other node lets the address vote again", FraudDesk.Ct);
    }
}
