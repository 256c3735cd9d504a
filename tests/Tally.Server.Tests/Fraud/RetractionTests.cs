using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class RetractionTests
{
    private const string Farm = "198.51.100.10";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ADryRunAndARepeatChangeNothingAndAReinstatementRestoresTheCountsButNotForAVoterWhoVotedAgain(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack, "--Tally:Fraud:MaxRetractionVotes=3");
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var path = $"/v1/admin/polls/{pollId}/retractions";
        var votes = new List<JsonObject>();
        string[] addresses = [Farm, Farm, Farm, "198.51.100.11", "192.0.2.20", "192.0.2.21"];
        for (var i = 0; i < addresses.Length; i++)
        {
            votes.Add(await Expect.JsonAsync(await host.VoteFromAsync(host.Client, pollId, $"voter-{i}", i % 2 + 1, addresses[i]), 201));
        }
        var cast = votes.Max(v => (long)v["sequence"]!);
        var original = await host.ResultsAsync(pollId, cast);
        var untouched = await host.Ledger.CountsAsync(FraudDesk.Ct);

        await Expect.ProblemAsync(await root.PostJsonAsync(path, new { network = "198.51.100.0/24", reason = "farm" }), 422, "SELECTION_TOO_LARGE");

        var dryRun = await Expect.JsonAsync(await root.PostJsonAsync(path, new { ip_address = Farm, reason = "farm", dry_run = true }), 200);
        Assert.True((bool)dryRun["dry_run"]!);
        Assert.Equal(VoteIds(votes.Take(3)), VoteIds(dryRun["votes"]!.AsArray()));
        Assert.Equal(untouched, await host.Ledger.CountsAsync(FraudDesk.Ct));

        var body = new { ip_address = Farm, reason = "Three accounts, one address" };
        var retracted = await Expect.JsonAsync(await root.PostJsonAsync(path, body, "farm-1"), 200);
        Assert.Equal(3, (int)retracted["count"]!);
        Assert.False((bool)retracted["replayed"]!);
        Assert.Equal("Three accounts, one address", (string?)retracted["reason"]);
        var lastRetraction = (long)retracted["last_sequence"]!;
        var afterRetraction = await host.ResultsAsync(pollId, lastRetraction);
        Assert.Equal(await host.LedgerLiveAsync(pollId), afterRetraction);
        Assert.Equal(original.Sum() - 3, afterRetraction.Sum());
        var retractedState = await host.Ledger.CountsAsync(FraudDesk.Ct);

        var mine = await Expect.JsonAsync(await host.Voter("voter-1").GetAsync($"/v1/polls/{pollId}/votes/me?min_sequence={lastRetraction}", FraudDesk.Ct), 200);
        Assert.False((bool)mine["has_voted"]!);
        Assert.Equal((string?)votes[1]["vote_id"], (string?)mine["retraction"]!["vote_id"]);
        Assert.Equal("Three accounts, one address", (string?)mine["retraction"]!["reason"]);

        var repeated = await Expect.JsonAsync(await root.PostJsonAsync(path, body, "farm-1"), 200);
        Assert.True((bool)repeated["replayed"]!);
        Assert.Equal(VoteIds(retracted["votes"]!.AsArray()), VoteIds(repeated["votes"]!.AsArray()));
        Assert.Equal(retractedState, await host.Ledger.CountsAsync(FraudDesk.Ct));
        await Expect.ProblemAsync(await root.PostJsonAsync(path, body with { reason = "Another reason" }, "farm-1"), 422, "IDEMPOTENCY_KEY_REUSED");

        // voter-0 votes again; its old vote must then stay retracted.
        var again = await Expect.JsonAsync(await host.VoteFromAsync(host.Client, pollId, "voter-0", 3, "192.0.2.99"), 201);
        var reinstated = await Expect.JsonAsync(await root.PostJsonAsync($"/v1/admin/polls/{pollId}/reinstatements", new
        {
            vote_ids = new[] { votes[0]["vote_id"]!.GetValue<string>(), votes[1]["vote_id"]!.GetValue<string>(), votes[2]["vote_id"]!.GetValue<string>(), votes[3]["vote_id"]!.GetValue<string>() },
            reason = "Checked: separate people",
        }), 200);
        Assert.Equal(VoteIds(votes.Skip(1).Take(2)), VoteIds(reinstated["reinstated"]!.AsArray()));
        var refused = reinstated["refused"]!.AsArray().ToDictionary(r => (string)r!["vote_id"]!, r => (string)r!["code"]!);
        Assert.Equal("VOTED_AGAIN", refused[(string)votes[0]["vote_id"]!]);
        Assert.Equal("NOT_RETRACTED_BY_ADMIN", refused[(string)votes[3]["vote_id"]!]);

        var restored = await host.ResultsAsync(pollId, (long)reinstated["last_sequence"]!);
        Assert.Equal(await host.LedgerLiveAsync(pollId), restored);
        var expected = (long[])original.Clone();
        expected[(int)votes[0]["option_id"]! - 1]--;
        expected[(int)again["option_id"]! - 1]++;
        Assert.Equal(expected, restored);
        var back = await Expect.JsonAsync(await host.Voter("voter-1").GetAsync($"/v1/polls/{pollId}/votes/me", FraudDesk.Ct), 200);
        Assert.True((bool)back["has_voted"]!);
        Assert.Null(back["retraction"]);

        var audit = (await host.Ledger.AuditAsync(FraudDesk.Ct)).Where(a => a.PollId == Guid.Parse(pollId) && a.Actor == TallyTestHost.VoterIdOf("root")).ToList();
        Assert.Equal(3, audit.Count(a => a.Action == "vote_retracted"));
        Assert.Equal(2, audit.Count(a => a.Action == "vote_reinstated"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnAdminRetractsAfterCloseInAPollWithoutVoteChangesAndTheResultsSayTheyWereAmended(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root, new
        {
            title = "Final answer",
            options = new[] { new { text = "Yes" }, new { text = "No" } },
            settings = new { results_visibility = "live", allow_vote_change = false },
        }))["id"]!;
        var votes = new List<JsonObject>();
        for (var i = 0; i < 4; i++)
        {
            votes.Add(await Expect.JsonAsync(await host.VoteFromAsync(host.Client, pollId, $"voter-{i}", 1, FraudDesk.OrdinaryAddress(i), region: null), 201));
        }
        await Expect.StatusAsync(await root.PostAsync($"/v1/polls/{pollId}/close", null, FraudDesk.Ct), 200);
        var closed = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={votes.Max(v => (long)v["sequence"]!)}", FraudDesk.Ct), 200);
        Assert.Null(closed["amended_at"]);

        var retracted = await Expect.JsonAsync(await root.PostJsonAsync($"/v1/admin/polls/{pollId}/retractions", new
        {
            vote_ids = new[] { (string)votes[2]["vote_id"]! },
            reason = "Duplicate account",
        }), 200);
        var at = (long)retracted["last_sequence"]!;
        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={at}", FraudDesk.Ct), 200);
        Assert.Equal("closed", (string?)results["status"]);
        long[] expected = [3, 0];
        Assert.Equal(expected, FraudDesk.Votes(results));
        Assert.Equal(expected, await host.LedgerLiveAsync(pollId, 2));
        Assert.True((DateTimeOffset)results["amended_at"]! >= (DateTimeOffset)votes[^1]["recorded_at"]!, "amended after the votes and the close");

        var mine = await Expect.JsonAsync(await host.Voter("voter-2").GetAsync($"/v1/polls/{pollId}/votes/me", FraudDesk.Ct), 200);
        Assert.False((bool)mine["has_voted"]!);
        Assert.Null(mine["vote_id"]);
        var retraction = mine["retraction"]!;
        Assert.Equal((string?)votes[2]["vote_id"], (string?)retraction["vote_id"]);
        Assert.Equal(1, (int)retraction["option_id"]!);
        Assert.Equal("Duplicate account", (string?)retraction["reason"]);
        Assert.NotNull(retraction["retracted_at"]);
    }

    private static string[] VoteIds(IEnumerable<JsonNode?> votes) => [.. votes.Select(v => (string)v!["vote_id"]!).Order(StringComparer.Ordinal)];
}
