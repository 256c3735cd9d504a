using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class BlockTests
{
    // The periodic refresh is pushed far out: what these tests see comes from the node that placed or lifted the block.
    private static Task<TallyTestHost> StartAsync(Stack stack) => FraudDesk.StartAsync(stack, "--Tally:Blocks:Refresh=00:30:00");

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ABlockedAddressIsRefusedUntilTheBlockIsLifted(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "bot-0", 1, "203.0.113.5"), 201);

        var block = await Expect.JsonAsync(await root.PostJsonAsync("/v1/admin/blocks", new { ip_address = "203.0.113.5", poll_id = pollId, duration = "2h", reason = "Vote farm" }), 201);
        Assert.Equal("ip_address", (string?)block["target"]);
        Assert.Equal("203.0.113.5", (string?)block["value"]);
        Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)block["placed_by"]);
        Assert.InRange((DateTimeOffset)block["until"]! - (DateTimeOffset)block["placed_at"]!, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(2));
        var blockId = (string)block["block_id"]!;

        await Expect.ProblemAsync(await host.VoteFromAsync(host.Client, pollId, "bot-1", 1, "203.0.113.5"), 403, "BLOCKED");
        // An address is blocked in any spelling: IPv4-mapped IPv6 is the same client.
        await Expect.ProblemAsync(await host.VoteFromAsync(host.Client, pollId, "bot-2", 1, "::ffff:203.0.113.5"), 403, "BLOCKED");
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "neighbour", 1, "203.0.113.6"), 201);
        var listed = await Expect.JsonAsync(await root.GetAsync("/v1/admin/blocks", FraudDesk.Ct), 200);
        Assert.Equal([blockId], listed["blocks"]!.AsArray().Select(b => (string)b!["block_id"]!));

        var lifted = await Expect.JsonAsync(await root.DeleteAsync($"/v1/admin/blocks/{blockId}", FraudDesk.Ct), 200);
        Assert.NotNull(lifted["lifted_at"]);
        Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)lifted["lifted_by"]);
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "bot-1", 1, "203.0.113.5"), 201);
        Assert.Empty((await Expect.JsonAsync(await root.GetAsync("/v1/admin/blocks", FraudDesk.Ct), 200))["blocks"]!.AsArray());
        await Expect.ProblemAsync(await root.DeleteAsync($"/v1/admin/blocks/{blockId}", FraudDesk.Ct), 404, "BLOCK_NOT_FOUND");
        await Expect.ProblemAsync(await root.DeleteAsync($"/v1/admin/blocks/{Guid.NewGuid()}", FraudDesk.Ct), 404, "BLOCK_NOT_FOUND");

        var actions = (await host.Ledger.AuditAsync(FraudDesk.Ct)).Select(a => a.Action).ToList();
        Assert.Contains("block_placed", actions);
        Assert.Contains("block_lifted", actions);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task NetworkAndVoterBlocksStopTheirVotesAndABlockOnAnotherPollOrOneExpiredStopsNothing(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var otherPoll = (string)(await host.CreatePollAsync(root))["id"]!;

        await Expect.StatusAsync(await root.PostJsonAsync("/v1/admin/blocks", new { network = "198.51.100.0/24", reason = "Farm network" }), 201);
        await Expect.ProblemAsync(await host.VoteFromAsync(host.Client, pollId, "farmer-1", 1, "198.51.100.200"), 403, "BLOCKED");
        await Expect.ProblemAsync(await host.VoteFromAsync(host.Client, otherPoll, "farmer-1", 1, "198.51.100.3"), 403, "BLOCKED");
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "farmer-1", 1, "198.51.101.1"), 201);

        var voter = TallyTestHost.VoterIdOf("sock-puppet");
        var onOther = await Expect.JsonAsync(await root.PostJsonAsync("/v1/admin/blocks", new { voter_id = voter, poll_id = otherPoll, reason = "Sock puppet" }), 201);
        Assert.Equal(voter, (string?)onOther["value"]);
        await Expect.ProblemAsync(await host.VoteFromAsync(host.Client, otherPoll, "sock-puppet", 1, "192.0.2.1"), 403, "BLOCKED");
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "sock-puppet", 1, "192.0.2.1"), 201);

        // Placed to end two seconds from now; once it has ended the block list still holds it (no refresh runs), and stops nothing.
        var brief = await Expect.JsonAsync(await root.PostJsonAsync("/v1/admin/blocks", new { ip_address = "192.0.2.50", duration = "2s", reason = "Cooling off" }), 201);
        var ends = (DateTimeOffset)brief["until"]!;
        await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow > ends.AddMilliseconds(50), TimeSpan.FromSeconds(30), "the block has ended", FraudDesk.Ct);
        await Expect.StatusAsync(await host.VoteFromAsync(host.Client, pollId, "patient", 1, "192.0.2.50"), 201);
        Assert.DoesNotContain((await Expect.JsonAsync(await root.GetAsync("/v1/admin/blocks", FraudDesk.Ct), 200))["blocks"]!.AsArray(),
            b => (string?)b!["block_id"] == (string?)brief["block_id"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ABlockIsRefusedWhenItNamesNothingOrTooMuchOrAnUnknownPoll(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        object[] invalid =
        [
            new { reason = "nothing named" },
            new { ip_address = "203.0.113.5", network = "203.0.113.0/24", reason = "two named" },
            new { ip_address = "203.0.113.500", reason = "not an address" },
            new { network = "203.0.113.0/33", reason = "not a network" },
            new { network = "203.0.113.0", reason = "an address, not a network" },
            new { voter_id = "  ", reason = "no voter" },
            new { ip_address = "203.0.113.5" },
            new { ip_address = "203.0.113.5", reason = "" },
            new { ip_address = "203.0.113.5", reason = new string('x', 501) },
            new { ip_address = "203.0.113.5", reason = "bell\u0007" },
            new { ip_address = "203.0.113.5", reason = "r", duration = "10" },
            new { ip_address = "203.0.113.5", reason = "r", duration = "0m" },
            new { ip_address = "203.0.113.5", reason = "r", duration = "3651d" },
            new { ip_address = "203.0.113.5", reason = "r", until = "2020-01-01T00:00:00Z" },
            new { ip_address = "203.0.113.5", reason = "r", until = "tomorrow" },
            new { ip_address = "203.0.113.5", reason = "r", until = "2999-01-01T00:00:00Z", duration = "1h" },
        ];
        foreach (var body in invalid)
        {
            await Expect.ProblemAsync(await root.PostJsonAsync("/v1/admin/blocks", body), 400, "VALIDATION_FAILED");
        }
        await Expect.ProblemAsync(await root.PostJsonAsync("/v1/admin/blocks", new { ip_address = "203.0.113.5", poll_id = Guid.NewGuid(), reason = "r" }), 404, "POLL_NOT_FOUND");
        Assert.Empty((await Expect.JsonAsync(await root.GetAsync("/v1/admin/blocks", FraudDesk.Ct), 200))["blocks"]!.AsArray());
    }
}
