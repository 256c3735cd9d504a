using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Operations;

public sealed class ShadowRebuildTests
{
    private const int Votes = 20_000;

    // Generous: reached only if a rebuild or the daemon is stuck, which is what should fail.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStacks))]
    public async Task RebuildsWhileVotesStreamInSwapAndMatchTheLedgerAndNoReaderSeesATotalGoDownOrPassTheLedger(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var stream = new VoteStream(host, pollId, Votes, concurrency: 24);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var voting = stream.RunAsync(Ct);
        var reading = ReadAlongAsync(host, pollId, stop.Token);

        await Eventually.HoldsAsync(() => stream.Acknowledged >= Votes / 10, Patience, "a tenth of the votes are in", Ct);
        foreach (var name in new[] { "results", "heatmap", "voter_status", "delta", "poll_catalog", "fraud" })
        {
            var started = await Expect.JsonAsync(await root.PostAsync($"/v1/admin/projections/{name}/rebuild", null), 202);
            Assert.Equal(name, (string?)started["projection"]);
            var finished = await FinishedAsync(root, name);
            Assert.True((string?)finished["rebuild"]!["state"] == "swapped", finished.ToJsonString());
            var checksum = finished["last_checksum"]!;
            Assert.True((bool)checksum["matches"]!, checksum.ToJsonString());
            if (name is "results" or "heatmap")
            {
                Assert.True((bool)checksum["counted"]!);
                Assert.True((long)checksum["cells"]! > 0, checksum.ToJsonString());
            }
            Assert.NotNull(finished["last_swap_at"]);
        }
        var swappedWhileVoting = !voting.IsCompleted;

        await voting;
        await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(host, pollId), Patience, "the views equal the ledger", Ct);
        await stop.CancelAsync();
        var (reads, problems) = await reading;
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reads > 0);
        Assert.Equal(Votes, (await VoteStream.ViewCountsAsync(host, pollId)).Options.Sum());
        // The stream is long enough that the swaps came while votes were still arriving; had they not, this test proved less.
        Assert.True(swappedWhileVoting, "every rebuild finished only after the votes stopped");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyAdminsSeeAndRebuildProjectionsAndAnUnknownOneIsNotFound(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        await Expect.ProblemAsync(await host.Voter("someone").GetAsync("/v1/admin/projections"), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Voter("someone").PostAsync("/v1/admin/projections/results/rebuild", null), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Client.PostAsync("/v1/admin/projections/results/rebuild", null), 401, "UNAUTHENTICATED");
        await Expect.ProblemAsync(await host.Voter("someone").PostAsync("/v1/admin/reconcile", null), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await root.PostAsync("/v1/admin/projections/tallies/rebuild", null), 404, "PROJECTION_NOT_FOUND");

        var listed = await Expect.JsonAsync(await root.GetAsync("/v1/admin/projections"), 200);
        Assert.Equal("current", (string?)listed["views"]);
        await Expect.StatusAsync(await root.PostAsync("/v1/admin/projections/heatmap/rebuild", null), 202);
        var audit = await Expect.JsonAsync(await root.GetAsync("/v1/admin/audit?action=projection_rebuild"), 200);
        var rebuild = Assert.Single(audit["entries"]!.AsArray());
        Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)rebuild!["actor"]);
        Assert.Equal("heatmap", (string?)rebuild["detail"]);
        Assert.Equal(["delta", "fraud", "heatmap", "poll_catalog", "results", "voter_status"],
            listed["projections"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.NotNull(listed["stamp"]!["generation"]);
    }

    /// <summary>
    /// Reads the results over and over while votes stream in: a total never goes down (nothing is retracted here), and
    /// never passes what the ledger holds when the answer arrives.
    /// </summary>
    private static async Task<(int Reads, List<string> Problems)> ReadAlongAsync(TallyTestHost host, string pollId, CancellationToken ct)
    {
        var problems = new List<string>();
        var reads = 0;
        long last = 0;
        using var reader = host.NewClient();
        while (!ct.IsCancellationRequested)
        {
            HttpResponseMessage response;
            try
            {
                response = await reader.GetAsync($"/v1/polls/{pollId}/results", ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            var results = await Expect.JsonAsync(response, 200);
            var total = (long)results["total_votes"]!;
            var ledger = await host.Ledger.CountRowsAsync("vote_records", CancellationToken.None);
            if (total < last)
            {
                problems.Add($"the total went down from {last} to {total}");
            }
            if (total > ledger)
            {
                problems.Add($"the total {total} passed the ledger's {ledger}");
            }
            last = total;
            reads++;
        }
        return (reads, problems);
    }

    private static async Task<JsonObject> FinishedAsync(HttpClient root, string name)
    {
        JsonObject? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var listed = await Expect.JsonAsync(await root.GetAsync("/v1/admin/projections"), 200);
            found = listed["projections"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["name"] == name);
            return found["rebuild"]?["finished_at"] is not null;
        }, Patience, $"the rebuild of {name} finishes", Ct);
        return found!;
    }

    private static Task<TallyTestHost> StartAsync(Stack stack) => TallyTestHost.StartAsync(stack,
        $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
}
