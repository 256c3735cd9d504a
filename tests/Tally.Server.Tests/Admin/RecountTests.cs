using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Admin;

public sealed class RecountTests
{
    private const int Voters = 24;

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ARecountEqualsTheLedgerAndTheViewsAndIsKept(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var cast = new List<JsonObject>();
        for (var i = 0; i < Voters; i++)
        {
            cast.Add(await Expect.JsonAsync(await host.Voter($"voter-{i}").VoteAsync(pollId, i % 3 + 1, i % 2 == 0 ? "north" : "south"), 201));
        }
        await Expect.StatusAsync(await host.Voter("voter-0").DeleteAsync($"/v1/polls/{pollId}/votes/me"), 200);
        var votesBefore = await host.Ledger.VotesAsync(Guid.Parse(pollId));
        var live = votesBefore.Where(v => !v.IsRetracted).ToList();
        Assert.Equal(Voters - 1, live.Count);

        var whole = await RecountAsync(root, pollId, new { });
        AssertCounts(live, whole);
        Assert.Equal(["north", "south"], whole["ledger"]!["regions"]!.AsArray().Select(r => (string)r!["region"]!));
        foreach (var region in whole["ledger"]!["regions"]!.AsArray())
        {
            var name = (string)region!["region"]!;
            Assert.Equal(live.Count(v => v.Region == name), (long)region["total"]!);
            Assert.Equal(OptionCounts(live.Where(v => v.Region == name)), Counts(region["options"]!));
        }
        AssertViewsAgree(whole, "results");

        var north = await RecountAsync(root, pollId, new { region = "north" });
        AssertCounts(live.Where(v => v.Region == "north").ToList(), north);
        Assert.Null(north["ledger"]!["regions"]);
        AssertViewsAgree(north, "heatmap");

        // The middle third of the votes by when they were recorded, as the API reported it.
        var byTime = cast.OrderBy(v => (DateTimeOffset)v["recorded_at"]!).ToList();
        var (from, to) = ((string)byTime[Voters / 3]["recorded_at"]!, (string)byTime[2 * Voters / 3]["recorded_at"]!);
        var inWindow = byTime.Skip(Voters / 3).Take(Voters / 3).Select(v => Guid.Parse((string)v["vote_id"]!)).ToHashSet();
        var timed = await RecountAsync(root, pollId, new { from, to });
        AssertCounts(live.Where(v => inWindow.Contains(v.VoteId)).ToList(), timed);
        Assert.Null(timed["views"]);
        Assert.Null(timed["differences"]);
        Assert.Contains("cannot answer", (string?)timed["views_note"]);

        foreach (var report in new[] { whole, north, timed })
        {
            var kept = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/recounts/{report["recount_id"]}"), 200);
            Assert.True(JsonNode.DeepEquals(report, kept), $"kept {kept.ToJsonString()}\nreported {report.ToJsonString()}");
            Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)report["requested_by"]);
        }
        Assert.Equal(3, (await host.Ledger.AuditAsync()).Count(a => a.Action == "recount" && a.Actor == TallyTestHost.VoterIdOf("root")));
        Assert.Equal(3, await host.Ledger.CountRowsAsync("recounts"));
        Assert.Equal(votesBefore, await host.Ledger.VotesAsync(Guid.Parse(pollId)));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyAdminsRecountAndABadSliceIsRefused(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var path = $"/v1/admin/polls/{pollId}/recounts";

        await Expect.ProblemAsync(await host.Voter("someone").PostAsJsonAsync(path, new { }), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Voter("someone").GetAsync($"{path}/{Guid.NewGuid()}"), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync(path, new { }), 401, "UNAUTHENTICATED");
        await Expect.ProblemAsync(await root.PostAsJsonAsync($"/v1/admin/polls/{Guid.NewGuid()}/recounts", new { }), 404, "POLL_NOT_FOUND");
        await Expect.ProblemAsync(await root.GetAsync($"{path}/{Guid.NewGuid()}"), 404, "RECOUNT_NOT_FOUND");

        object[] invalid =
        [
            new { from = "yesterday" },
            new { from = "2026-11-29T10:00:00" },
            new { to = "2026-11-29" },
            new { from = "2026-11-29T11:00:00Z", to = "2026-11-29T10:00:00Z" },
            new { region = "nor\u0001th" },
            new { region = new string('n', 65) },
            new { region = "  " },
        ];
        foreach (var body in invalid)
        {
            await Expect.ProblemAsync(await root.PostAsJsonAsync(path, body), 400, "VALIDATION_FAILED");
        }
        await Expect.ProblemAsync(await root.PostAsync(path, new StringContent("{", Encoding.UTF8, "application/json")), 400, "MALFORMED_REQUEST");
        await Expect.ProblemAsync(await root.PostAsJsonAsync(path, new { region = 7 }), 400, "MALFORMED_REQUEST");
        await Expect.ProblemAsync(await root.PostAsync(path, new StringContent("region=north", Encoding.UTF8, "application/x-www-form-urlencoded")),
            415, "UNSUPPORTED_MEDIA_TYPE");
        await Expect.ProblemAsync(await root.PostAsJsonAsync(path, new { region = "west" }), 422, "INVALID_REGION");
        Assert.Equal(0, await host.Ledger.CountRowsAsync("recounts"));

        // No body at all is the whole poll; from equal to to is an empty slice.
        await Expect.StatusAsync(await root.PostAsync(path, null), 201);
        var empty = await RecountAsync(root, pollId, new { from = "2026-11-29T10:00:00+01:00", to = "2026-11-29T09:00:00Z" });
        Assert.Equal(0, (long)empty["ledger"]!["total"]!);
        Assert.Equal(Sha256Hex(""), (string?)empty["ledger"]!["vote_ids_sha256"]);
    }

    private static Task<TallyTestHost> StartAsync(Stack stack) => TallyTestHost.StartAsync(stack,
        $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root",
        "--Tally:Reads:MinSequenceWait=00:00:30");

    private static async Task<JsonObject> RecountAsync(HttpClient admin, string pollId, object body)
    {
        var response = await admin.PostAsJsonAsync($"/v1/admin/polls/{pollId}/recounts", body);
        var report = await Expect.JsonAsync(response, 201);
        Assert.Equal($"/v1/admin/polls/{pollId}/recounts/{report["recount_id"]}", response.Headers.Location?.OriginalString);
        Assert.Equal(pollId, (string?)report["poll_id"]);
        Assert.True((long)report["elapsed_ms"]! >= 0);
        return report;
    }

    /// <summary>The report's ledger counts and hash against the probe's own rows: the canonical listing is built here from scratch.</summary>
    private static void AssertCounts(IReadOnlyList<ProbedVote> live, JsonObject report)
    {
        var ledger = report["ledger"]!;
        Assert.Equal(live.Count, (long)ledger["total"]!);
        Assert.Equal(OptionCounts(live), Counts(ledger["options"]!));
        var listing = string.Concat(live.Select(v => v.VoteId.ToString("D").ToLowerInvariant()).Order(StringComparer.Ordinal).Select(id => id + "\n"));
        Assert.Equal(Sha256Hex(listing), (string?)ledger["vote_ids_sha256"]);
    }

    private static void AssertViewsAgree(JsonObject report, string view)
    {
        var views = report["views"]!;
        Assert.Equal(view, (string?)views["view"]);
        Assert.True((long)views["sequence"]! >= (long)report["ledger"]!["sequence"]!);
        Assert.Equal(Counts(report["ledger"]!["options"]!), Counts(views["options"]!));
        Assert.All(report["differences"]!.AsArray(), d => Assert.Equal(0, (long)d!["votes"]!));
        Assert.Null(report["views_note"]);
    }

    private static long[] OptionCounts(IEnumerable<ProbedVote> votes) =>
        [.. Enumerable.Range(1, 3).Select(option => (long)votes.Count(v => v.OptionId == option))];

    private static long[] Counts(JsonNode options) => [.. options.AsArray().Select(o => (long)o!["votes"]!)];

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
}
