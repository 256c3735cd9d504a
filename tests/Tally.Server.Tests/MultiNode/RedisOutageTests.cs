using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.MultiNode;

/// <summary>
/// Redis holds only views: losing it must never stop voting, reads must fail fast (503) rather than hang, and the views
/// must catch up when it returns.
/// </summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Well above the Redis timeout (its timeouts are checked about once a second), far below a hang.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task VotingGoesOnWhileRedisIsDownAndTheViewsCatchUpWhenItReturns()
    {
        await using var servers = SharedServers.Create();
        using var redis = new PrivateRedis();
        var key = RandomNumberGenerator.GetBytes(32);
        using var folder = new TempFolder();
        using var node = await ServerProcess.StartAsync(folder.Path, key, Patience, [.. servers.NodeSettings, redis.ViewsSetting]);
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
        var create = new HttpRequestMessage(HttpMethod.Post, "/v1/polls")
        {
            Content = JsonContent.Create(new { title = "Outage", options = new[] { new { text = "A" }, new { text = "B" } } }),
        };
        create.Headers.Authorization = new("Bearer", TestTokens.Voter(key, "owner"));
        var pollId = (string)(await Expect.JsonAsync(await client.SendAsync(create), 201))["id"]!;
        await VoteAsync(client, key, pollId, "before", 1);

        await redis.StopAsync();
        long last = 0;
        for (var i = 0; i < 20; i++)
        {
            last = await VoteAsync(client, key, pollId, $"during-{i}", 1 + i % 2);
        }

        // A fresh, empty Redis on the same address: the views are rebuilt from the ledger's log.
        redis.Restart();
        var deadline = DateTime.UtcNow + Patience;
        System.Text.Json.Nodes.JsonObject? results = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={last}");
            if ((int)response.StatusCode == 200)
            {
                results = await Expect.JsonAsync(response, 200);
                if ((bool)results["min_sequence_met"]! && (long)results["total_votes"]! == 21)
                {
                    break;
                }
            }
            else
            {
                await Task.Delay(50); // poll interval while the rebuilt views do not know the poll yet
            }
        }
        Assert.NotNull(results);
        Assert.Equal(21, (long)results!["total_votes"]!);
        var ledger = await servers.Ledger.LiveVotesByOptionAsync(Guid.Parse(pollId));
        Assert.Equal([ledger[1], ledger[2]], results["options"]!.AsArray().Select(o => (long)o!["votes"]!));
    }

    [Fact]
    public async Task ReadsAnswer503FastWhileRedisIsDownAndComeBackWithIt()
    {
        await using var servers = SharedServers.Create();
        using var redis = new PrivateRedis();
        await using var host = await TallyTestHost.StartOnAsync(servers, settings:
        [
            redis.ViewsSetting,
            $"--Tally:Views:Redis:SyncTimeout={RedisTimeout}",
            $"--Tally:Views:Redis:AsyncTimeout={RedisTimeout}",
        ]);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("voter-1");
        var first = await Expect.JsonAsync(await voter.VoteAsync(id, 1), 201);
        await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={(long)first["sequence"]!}"), 200);

        await redis.StopAsync();
        foreach (var (client, path) in new[]
        {
            (host.Client, $"/v1/polls/{id}/results"),
            (host.Client, $"/v1/polls/{id}/heatmap"),
            (host.Client, $"/v1/polls/{id}/delta?since=5m"),
            (host.Client, "/v1/polls"),
            (host.Client, $"/v1/polls/{id}"),
            (voter, $"/v1/polls/{id}/votes/me"),
            (host.Client, "/v1/sync/status"),
        })
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            watch.Stop();
            await Expect.ProblemAsync(response, 503, "SERVICE_UNAVAILABLE");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(watch.Elapsed < Fast, $"GET {path} took {watch.Elapsed} to give up.");
            TestContext.Current.TestOutputHelper?.WriteLine($"GET {path}: 503 after {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
        // The ledger does not need Redis: voting goes on.
        var second = await Expect.JsonAsync(await host.Voter("voter-2").VoteAsync(id, 2), 201);

        redis.Restart();
        await Eventually.HoldsAsync(async () =>
        {
            var response = await host.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={(long)second["sequence"]!}");
            return (int)response.StatusCode == 200 && (long)(await Expect.JsonAsync(response, 200))["total_votes"]! == 2;
        }, Patience, "The results did not come back with both votes after Redis returned.");
    }

    private static async Task<long> VoteAsync(HttpClient client, byte[] key, string pollId, string voter, int option)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes") { Content = JsonContent.Create(new { option_id = option }) };
        request.Headers.Authorization = new("Bearer", TestTokens.Voter(key, voter));
        return (long)(await Expect.JsonAsync(await client.SendAsync(request), 201))["sequence"]!;
    }
}
