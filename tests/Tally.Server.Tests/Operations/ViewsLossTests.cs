using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Operations;

/// <summary>
/// Views that lose data behind Tally's back (a key deleted, the store flushed, the ledger put back to an older copy)
/// are found out, are not served as if whole, and end up equal to the ledger again.
/// </summary>
public sealed class ViewsLossTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHeatmapKeyDeletedWhileVotingIsFoundByReconciliationAndRepaired()
    {
        await using var servers = SharedServers.Create();
        await using var host = await StartAsync(servers);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var stream = new VoteStream(host, pollId, 2_000, concurrency: 16);
        var voting = stream.RunAsync(Ct);

        await Eventually.HoldsAsync(() => stream.Acknowledged >= 500, Patience, "votes are coming in", Ct);
        Assert.True(await DeleteKeysAsync(servers, $"*heatmap:{Guid.Parse(pollId):N}*") > 0, "the poll's heatmap key was found and deleted");
        await voting;

        await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(host, pollId), Patience, "the heatmap equals the ledger again", Ct);
        var reconcile = await Expect.JsonAsync(await root.GetAsync("/v1/admin/reconcile"), 200);
        var drift = reconcile["drift"]!.AsArray().Select(d => d!.AsObject()).Where(d => (string?)d["poll_id"] == pollId).ToList();
        Assert.True(drift.Count > 0, reconcile.ToJsonString());
        Assert.All(drift, d => Assert.True((bool)d["repaired"]!));
        Assert.Contains(drift.SelectMany(d => d["sample"]!.AsArray()), c => (string?)c!["view"] == "heatmap");
    }

    [Fact]
    public async Task VotesAViewHoldsForAPollWithoutAnyAreFoundByAReconcileAndRemoved()
    {
        await using var servers = SharedServers.Create();
        await using var host = await StartAsync(servers, "--Tally:Sync:ReconcileInterval=01:00:00");
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var keys = await KeysAsync(servers, $"*results:{Guid.Parse(pollId):N}");
        Assert.Single(keys);
        await Eventually.HoldsAsync(async () => (await host.Client.GetAsync($"/v1/polls/{pollId}/results")).IsSuccessStatusCode, Patience, "the poll is in the views", Ct);
        await servers.Redis.GetDatabase().HashIncrementAsync(keys[0], "1", 5);
        await servers.Redis.GetDatabase().HashIncrementAsync(keys[0], "total", 5);
        // Read from Redis itself: the node's near cache serves what it read before, as no announced change touched the poll.
        Assert.Equal(5, (long)await servers.Redis.GetDatabase().HashGetAsync(keys[0], "1"));

        var report = await Expect.JsonAsync(await root.PostAsync("/v1/admin/reconcile", null, Ct), 200);

        var drift = report["drifted"]!.AsArray().Single(d => (string?)d!["poll_id"] == pollId)!;
        Assert.True((bool)drift["repaired"]!, report.ToJsonString());
        Assert.Contains(drift["sample"]!.AsArray(), c => (string?)c!["view"] == "results" && (long)c["ledger"]! == 0 && (long)c["held"]! == 5);
        Assert.Equal(0, (await VoteStream.ViewCountsAsync(host, pollId)).Options.Sum());
        var audit = (await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/audit", Ct), 200))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "poll_views_repaired" && (string?)e["actor"] == "tally:reconciliation");
        var reconciled = (await Expect.JsonAsync(await root.GetAsync("/v1/admin/audit?action=reconcile", Ct), 200))["entries"]!.AsArray();
        Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)Assert.Single(reconciled)!["actor"]);
    }

    [Fact]
    public async Task FlushedViewsAreRebuiltAndNoReadClaimsASequenceTheViewsDoNotHold()
    {
        await using var servers = SharedServers.Create();
        await using var host = await StartAsync(servers);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var generationBefore = await GenerationAsync(root);
        var stream = new VoteStream(host, pollId, 3_000, concurrency: 16);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var voting = stream.RunAsync(Ct);
        var reading = ReadOwnSequencesAsync(host, pollId, stream, stop.Token);

        await Eventually.HoldsAsync(() => stream.Acknowledged >= 1_000, Patience, "votes are coming in", Ct);
        await SharedRedis.DeleteKeysAsync(servers.Redis, servers.KeyPrefix);
        await voting;

        await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(host, pollId), Patience, "the views equal the ledger again", Ct);
        await stop.CancelAsync();
        var (claims, problems) = await reading;
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(claims > 0, "some reads were answered with min_sequence_met");
        Assert.NotEqual(generationBefore, await GenerationAsync(root));
    }

    [Fact]
    public async Task ASqliteLedgerPutBackToAnOlderCopyIsFoundAtStartAndTheRedisViewsAreRebuiltToMatchIt()
    {
        await using var servers = SharedServers.Create();
        using var folder = new TempFolder();
        using var backup = new TempFolder();
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        string pollId;
        string generation;
        await using (var first = await StartSqliteRedisAsync(servers, folder.Path, key))
        {
            pollId = (string)(await first.CreatePollAsync(first.Voter("root")))["id"]!;
            await new VoteStream(first, pollId, 30, concurrency: 4).RunAsync(Ct);
        }
        foreach (var file in Directory.GetFiles(folder.Path, "ledger.db*"))
        {
            File.Copy(file, Path.Combine(backup.Path, Path.GetFileName(file)));
        }
        await using (var second = await StartSqliteRedisAsync(servers, folder.Path, key))
        {
            await VoteAsAsync(second, pollId, "later", 20);
            await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(second, pollId), Patience, "the views hold 50 votes", Ct);
            generation = await GenerationAsync(second.Voter("root"));
        }

        // The older copy comes back, and an embedded node (memory views) writes other events past where Redis' views are.
        foreach (var file in Directory.GetFiles(folder.Path, "ledger.db*"))
        {
            File.Delete(file);
        }
        foreach (var file in Directory.GetFiles(backup.Path))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }
        await using (var embedded = await TallyTestHost.StartInAsync(folder.Path, key))
        {
            await VoteAsAsync(embedded, pollId, "other", 40);
        }

        await using var restarted = await StartSqliteRedisAsync(servers, folder.Path, key);
        await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(restarted, pollId), Patience, "the views equal the restored ledger", Ct);
        Assert.Equal(70, (await VoteStream.ViewCountsAsync(restarted, pollId)).Options.Sum());
        Assert.NotEqual(generation, await GenerationAsync(restarted.Voter("root")));
    }

    /// <summary>
    /// Asks for results that include the latest acknowledged vote: whenever the answer claims min_sequence_met, it must
    /// hold at least every vote acknowledged before the read began.
    /// </summary>
    private static async Task<(int Claims, List<string> Problems)> ReadOwnSequencesAsync(TallyTestHost host, string pollId, VoteStream stream, CancellationToken ct)
    {
        var problems = new List<string>();
        var claims = 0;
        using var reader = host.NewClient();
        while (!ct.IsCancellationRequested)
        {
            var acknowledged = stream.Acknowledged;
            var sequence = stream.HighestSequence;
            HttpResponseMessage response;
            try
            {
                response = await reader.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}", ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // Refusing is honest: 404 while the poll is not back in the views, 503 while they are rebuilt.
                var problem = await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None);
                if ((string?)problem?["code"] is not ("POLL_NOT_FOUND" or "VIEWS_REBUILDING"))
                {
                    problems.Add($"{(int)response.StatusCode}: {problem?.ToJsonString()}");
                }
                continue;
            }
            var results = (await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None))!;
            if ((bool?)results["min_sequence_met"] == true)
            {
                claims++;
                var total = (long)results["total_votes"]!;
                if (total < acknowledged)
                {
                    problems.Add($"min_sequence_met for sequence {sequence} with {total} votes, though {acknowledged} were acknowledged before the read");
                }
            }
        }
        return (claims, problems);
    }

    private static async Task<string> GenerationAsync(HttpClient root) =>
        (string)(await Expect.JsonAsync(await root.GetAsync("/v1/admin/projections"), 200))["stamp"]!["generation"]!;

    private static async Task VoteAsAsync(TallyTestHost host, string pollId, string prefix, int voters)
    {
        for (var i = 0; i < voters; i++)
        {
            using var voter = host.Voter($"{prefix}-{i}");
            await Expect.StatusAsync(await voter.VoteAsync(pollId, i % 3 + 1, i % 2 == 0 ? "north" : "south"), 201);
        }
    }

    private static async Task<long> DeleteKeysAsync(SharedServers servers, string pattern) =>
        await servers.Redis.GetDatabase().KeyDeleteAsync([.. await KeysAsync(servers, pattern)]);

    /// <summary>This test's keys (under its prefix) that match <paramref name="pattern"/>, whatever generation they are in.</summary>
    private static async Task<List<RedisKey>> KeysAsync(SharedServers servers, string pattern)
    {
        var keys = new List<RedisKey>();
        foreach (var endpoint in servers.Redis.GetEndPoints())
        {
            await foreach (var key in servers.Redis.GetServer(endpoint).KeysAsync(pattern: pattern))
            {
                if (((string)key!).Contains(servers.KeyPrefix, StringComparison.Ordinal))
                {
                    keys.Add(key);
                }
            }
        }
        return keys;
    }

    private static string[] Admin =>
        [$"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root", "--Tally:Sync:ReconcileInterval=00:00:01"];

    private static Task<TallyTestHost> StartAsync(SharedServers servers, params string[] settings) =>
        TallyTestHost.StartOnAsync(servers, null, [.. Admin, .. settings]);

    private static Task<TallyTestHost> StartSqliteRedisAsync(SharedServers servers, string folder, byte[] key) => TallyTestHost.StartInAsync(folder, key,
    [
        .. Admin,
        "--Tally:Views:Provider=redis",
        $"--Tally:Views:Redis:ConnectionString={servers.RedisConnectionString}",
        $"--Tally:Views:Redis:KeyPrefix={servers.KeyPrefix}",
    ]);
}
