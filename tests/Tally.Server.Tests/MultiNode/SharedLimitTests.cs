using System.Diagnostics;
using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.MultiNode;

/// <summary>In PostgreSQL + Redis mode the buckets live in Redis: N nodes enforce one limit, and each its own while Redis is away.</summary>
public sealed class SharedLimitTests
{
    private static readonly string[] SmallVoterBucket =
    [
        "--Tally:Limits:Votes:PerVoter:TokenLimit=3",
        "--Tally:Limits:Votes:PerVoter:TokensPerPeriod=1",
        "--Tally:Limits:Votes:PerVoter:ReplenishmentPeriod=01:00:00",
    ];

    [Fact]
    public async Task TwoNodesOnOneRedisShareOneLimit()
    {
        await using var servers = SharedServers.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        await using var a = await TallyTestHost.StartOnAsync(servers, key, SmallVoterBucket);
        await using var b = await TallyTestHost.StartOnAsync(servers, key, SmallVoterBucket);
        var id = (string)(await a.CreatePollAsync(a.Voter("owner")))["id"]!;

        // Three tokens in all, taken on either node; the fourth request is refused on both.
        await Expect.StatusAsync(await a.Voter("shared").VoteAsync(id, 1), 201);
        await Expect.ProblemAsync(await b.Voter("shared").VoteAsync(id, 1), 409, "ALREADY_VOTED");
        await Expect.ProblemAsync(await a.Voter("shared").VoteAsync(id, 1), 409, "ALREADY_VOTED");
        await RateLimited.ExpectAsync(await b.Voter("shared").VoteAsync(id, 1));
        await RateLimited.ExpectAsync(await a.Voter("shared").VoteAsync(id, 1));
    }

    [Fact]
    public async Task WithRedisStoppedEachNodeStillLimitsOnItsOwnWithoutWaitingForRedis()
    {
        await using var servers = SharedServers.Create();
        using var redis = new PrivateRedis();
        var key = RandomNumberGenerator.GetBytes(32);
        string[] settings = [redis.ViewsSetting, .. SmallVoterBucket];
        await using var a = await TallyTestHost.StartOnAsync(servers, key, settings);
        await using var b = await TallyTestHost.StartOnAsync(servers, key, settings);
        var id = (string)(await a.CreatePollAsync(a.Voter("owner")))["id"]!;

        await redis.StopAsync();
        var started = Stopwatch.GetTimestamp();
        foreach (var node in new[] { a, b })
        {
            var voter = node.Voter("during");
            for (var i = 0; i < 3; i++)
            {
                Assert.NotEqual(429, (int)(await voter.VoteAsync(id, 1)).StatusCode);
            }
            await RateLimited.ExpectAsync(await voter.VoteAsync(id, 1));
        }
        // Eight requests; a limiter that waited out Redis's 5 s timeout on each would take 40 s.
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the requests took {elapsed}");
    }
}
