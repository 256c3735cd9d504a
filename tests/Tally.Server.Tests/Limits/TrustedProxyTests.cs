using System.Net.Http.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Limits;

public sealed class TrustedProxyTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task ATrustedProxyNamesTheClientForTheLimitsAndTheStoredVote(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
        [
            "--Tally:Network:TrustedProxies:0=127.0.0.1",
            "--Tally:Limits:Votes:PerIp:Enabled=true",
            "--Tally:Limits:Votes:PerIp:TokenLimit=1",
            "--Tally:Limits:Votes:PerIp:ReplenishmentPeriod=01:00:00",
        ]);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;

        await Expect.StatusAsync(await VoteAsync(host, id, "a", "203.0.113.7"), 201);
        Assert.Equal(["203.0.113.7"], await StoredAddressesAsync(host, id, "a"));
        // The second voter behind the same client address finds its bucket empty; another address has its own.
        await RateLimited.ExpectAsync(await VoteAsync(host, id, "b", "203.0.113.7"));
        await Expect.StatusAsync(await VoteAsync(host, id, "c", "198.51.100.9"), 201);
        Assert.Equal(["198.51.100.9"], await StoredAddressesAsync(host, id, "c"));
    }

    [Theory]
    [InlineData(Stack.Embedded, null)]
    [InlineData(Stack.Embedded, "10.0.0.0/8")]
    [InlineData(Stack.PostgresRedis, null)]
    [InlineData(Stack.PostgresRedis, "10.0.0.0/8")]
    public async Task XForwardedForFromAnyoneElseIsIgnored(Stack stack, string? trustedProxy)
    {
        await using var host = await TallyTestHost.StartAsync(stack, trustedProxy is null ? [] : [$"--Tally:Network:TrustedProxies:0={trustedProxy}"]);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await VoteAsync(host, id, "a", "203.0.113.7"), 201);
        Assert.Equal(["127.0.0.1"], await StoredAddressesAsync(host, id, "a"));
    }

    private static Task<HttpResponseMessage> VoteAsync(TallyTestHost host, string pollId, string voter, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes") { Content = JsonContent.Create(new { option_id = 1, region = "north" }) };
        request.Headers.Authorization = new("Bearer", host.MintToken(voter));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return host.Client.SendAsync(request);
    }

    private static async Task<string[]> StoredAddressesAsync(TallyTestHost host, string pollId, string voter) =>
        (await host.Ledger.VotesAsync(Guid.Parse(pollId))).Where(v => v.VoterId == TallyTestHost.VoterIdOf(voter)).Select(v => v.IpAddress!).ToArray();
}
