using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.MultiNode;

/// <summary>Two Tally processes on one PostgreSQL ledger and one Redis read model, as behind a load balancer.</summary>
public sealed class TwoNodeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillingTheProjectorLeaderMidLoadLosesNoAcknowledgedVoteAndTheTallyEqualsTheLedger()
    {
        await using var servers = SharedServers.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        using var folderA = new TempFolder();
        using var folderB = new TempFolder();
        using var nodeA = await ServerProcess.StartAsync(folderA.Path, key, Patience, servers.NodeSettings);
        using var nodeB = await ServerProcess.StartAsync(folderB.Path, key, Patience, servers.NodeSettings);
        using var clientA = new HttpClient { BaseAddress = nodeA.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var clientB = new HttpClient { BaseAddress = nodeB.Address, Timeout = TimeSpan.FromSeconds(30) };

        var create = new HttpRequestMessage(HttpMethod.Post, "/v1/polls")
        {
            Content = JsonContent.Create(new { title = "Two nodes", options = new[] { new { text = "A" }, new { text = "B" }, new { text = "C" } } }),
        };
        create.Headers.Authorization = new("Bearer", TestTokens.Voter(key, "owner"));
        var pollId = (string)(await Expect.JsonAsync(await clientA.SendAsync(create), 201))["id"]!;

        // Exactly one node projects; that is the one to kill.
        var leaderIsA = await WaitForOneLeaderAsync(clientA, clientB);
        var (doomed, doomedClient, survivorClient) = leaderIsA ? (nodeA, clientA, clientB) : (nodeB, clientB, clientA);

        var acknowledged = new ConcurrentBag<(string VoteId, long Sequence)>();
        var leaderDown = false;
        async Task VoteAsync(HttpClient client, string voter, int option)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes")
            {
                Content = JsonContent.Create(new { option_id = option }),
            };
            request.Headers.Authorization = new("Bearer", TestTokens.Voter(key, voter));
            request.Headers.Add("Idempotency-Key", voter);
            try
            {
                var response = await client.SendAsync(request);
                if ((int)response.StatusCode == 201)
                {
                    var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    acknowledged.Add(((string)receipt["vote_id"]!, (long)receipt["sequence"]!));
                }
            }
            catch (HttpRequestException) when (Volatile.Read(ref leaderDown))
            {
                // The killed node died under this request: it was never acknowledged.
            }
        }

        // Votes through both nodes; the leader is killed with SIGKILL in the middle of the stream.
        var voters = Enumerable.Range(0, 1200).ToArray();
        await Parallel.ForEachAsync(voters, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            if (i == 600)
            {
                Volatile.Write(ref leaderDown, true);
                doomed.KillHard();
            }
            var useDoomed = i % 2 == 0 && !Volatile.Read(ref leaderDown);
            await VoteAsync(useDoomed ? doomedClient : survivorClient, $"voter-{i}", 1 + i % 3);
        });

        Assert.True(acknowledged.Count >= 900, $"only {acknowledged.Count} votes were acknowledged");
        var stored = (await servers.Ledger.VotesAsync(Guid.Parse(pollId))).Select(v => v.VoteId.ToString()).ToHashSet();
        var lost = acknowledged.Where(a => !stored.Contains(a.VoteId)).ToArray();
        Assert.True(lost.Length == 0, $"{lost.Length} acknowledged votes are missing from the ledger");

        // The surviving node's views reach every committed vote, each counted once.
        var head = await servers.Ledger.LastSequenceAsync();
        var results = await Expect.JsonAsync(await survivorClient.GetAsync($"/v1/polls/{pollId}/results?min_sequence={head}"), 200);
        var deadline = DateTime.UtcNow + Patience;
        while (!(bool)results["min_sequence_met"]! && DateTime.UtcNow < deadline)
        {
            results = await Expect.JsonAsync(await survivorClient.GetAsync($"/v1/polls/{pollId}/results?min_sequence={head}"), 200);
        }
        var status = await Expect.JsonAsync(await survivorClient.GetAsync("/v1/sync/status"), 200);
        Assert.Equal("leader", (string?)status["role"]);
        Assert.True((bool)results["min_sequence_met"]!, "the surviving node's views never reached the ledger head");
        var ledger = await servers.Ledger.LiveVotesByOptionAsync(Guid.Parse(pollId));
        Assert.Equal(ledger.Values.Sum(), (long)results["total_votes"]!);
        foreach (var option in results["options"]!.AsArray())
        {
            Assert.Equal(ledger.GetValueOrDefault((int)option!["option_id"]!), (long)option["votes"]!);
        }
    }

    /// <returns>true when node A leads; fails unless exactly one of the two does within the wait.</returns>
    private static async Task<bool> WaitForOneLeaderAsync(HttpClient a, HttpClient b)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var roleA = (string?)(await Expect.JsonAsync(await a.GetAsync("/v1/sync/status"), 200))["role"];
            var roleB = (string?)(await Expect.JsonAsync(await b.GetAsync("/v1/sync/status"), 200))["role"];
            Assert.False(roleA == "leader" && roleB == "leader", "both nodes claim to lead");
            if (roleA == "leader" || roleB == "leader")
            {
                return roleA == "leader";
            }
            Assert.True(DateTime.UtcNow < deadline, "no node became leader");
            await Task.Delay(50); // poll interval while waiting for the election, not a stand-in for a condition
        }
    }
}
