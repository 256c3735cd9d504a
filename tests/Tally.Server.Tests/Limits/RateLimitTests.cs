using System.Net.Http.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Limits;

public sealed class RateLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ABurstAboveAVotersBucketIsRefusedWithRetryAfterAndServedAgainAfterTheRefill(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
        [
            "--Tally:Limits:Votes:PerVoter:TokenLimit=3",
            "--Tally:Limits:Votes:PerVoter:TokensPerPeriod=3",
            "--Tally:Limits:Votes:PerVoter:ReplenishmentPeriod=00:00:04",
        ]);
        var owner = host.Voter("owner");
        var first = (string)(await host.CreatePollAsync(owner))["id"]!;
        var second = (string)(await host.CreatePollAsync(owner))["id"]!;
        var voter = host.Voter("eager");

        await Expect.StatusAsync(await voter.VoteAsync(first, 1), 201);
        await Expect.ProblemAsync(await voter.VoteAsync(first, 2), 409, "ALREADY_VOTED");
        await Expect.ProblemAsync(await voter.VoteAsync(first, 3), 409, "ALREADY_VOTED");
        var wait = await RateLimited.ExpectAsync(await voter.VoteAsync(second, 1));
        Assert.True(wait <= TimeSpan.FromSeconds(4), $"Retry-After {wait} is longer than the refill period");
        Assert.Empty(await host.Ledger.VotesAsync(Guid.Parse(second)));

        // Another voter has a bucket of its own; the eager one is served again once its bucket refills.
        await Expect.StatusAsync(await host.Voter("calm").VoteAsync(second, 2), 201);
        await Expect.StatusAsync(await RateLimited.UntilServedAsync(() => voter.VoteAsync(second, 1), Patience), 201);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task PollCreationIsLimitedPerUser(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Polls:PerUser:TokenLimit=2");
        var owner = host.Voter("prolific");
        await host.CreatePollAsync(owner);
        await host.CreatePollAsync(owner);
        await RateLimited.ExpectAsync(await owner.PostAsJsonAsync("/v1/polls", new { title = "Third", options = new[] { new { text = "A" }, new { text = "B" } } }));
        Assert.Equal(2, await host.Ledger.CountRowsAsync("polls"));
        await host.CreatePollAsync(host.Voter("someone-else"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task PollCreationIsLimitedPerAddressWhoeverAsks(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:Polls:PerIp:TokenLimit=2");
        await host.CreatePollAsync(host.Voter("a"));
        await host.CreatePollAsync(host.Voter("b"));
        await RateLimited.ExpectAsync(await host.Voter("c").PostAsJsonAsync("/v1/polls", new { title = "Third", options = new[] { new { text = "A" }, new { text = "B" } } }));
    }

    [Theory]
    [InlineData(Stack.Embedded)]
    [InlineData(Stack.PostgresRedis)]
    public async Task ListingAndSearchingPollsIsLimitedPerAddress(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
            "--Tally:Limits:Search:PerIp:TokenLimit=4",
            "--Tally:Limits:Search:PerIp:ReplenishmentPeriod=01:00:00");
        var client = host.Client;
        await Expect.StatusAsync(await client.GetAsync("/v1/polls"), 200);
        await Expect.StatusAsync(await client.GetAsync("/v1/polls?page=2"), 200);
        await Expect.StatusAsync(await client.GetAsync("/v1/polls?q=a%20i%20o"), 200);
        await Expect.StatusAsync(await host.Voter("anyone").GetAsync("/v1/polls?q=e"), 200);

        await RateLimited.ExpectAsync(await client.GetAsync("/v1/polls?q=a%20e%20i%20o%20u"));
        await RateLimited.ExpectAsync(await client.GetAsync("/v1/polls"));
        // Only the catalogue is limited: a poll by its id is still served.
        await Expect.ProblemAsync(await client.GetAsync($"/v1/polls/{Guid.NewGuid()}"), 404, "POLL_NOT_FOUND");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task RegistrationIsLimitedPerAccountAndPerAddress(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
        [
            "--Tally:Limits:Register:PerAccount:TokenLimit=1",
            "--Tally:Limits:Register:PerIp:TokenLimit=3",
        ]);
        Task<HttpResponseMessage> Register(string name) =>
            host.Client.PostAsJsonAsync("/v1/auth/register", new { username = name, password = "long enough" });

        await Expect.StatusAsync(await Register("carol"), 201);
        // The same name again, whatever its case, is refused before the password is hashed.
        await RateLimited.ExpectAsync(await Register("CAROL"));
        await Expect.StatusAsync(await Register("dave"), 201);
        await RateLimited.ExpectAsync(await Register("erin"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheMasterSwitchLiftsEveryLimit(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
        [
            "--Tally:Limits:Enabled=false",
            "--Tally:Limits:Votes:PerVoter:TokenLimit=1",
            "--Tally:Limits:Polls:PerUser:TokenLimit=1",
        ]);
        var owner = host.Voter("owner");
        await host.CreatePollAsync(owner);
        var id = (string)(await host.CreatePollAsync(owner))["id"]!;
        var voter = host.Voter("v");
        await Expect.StatusAsync(await voter.VoteAsync(id, 1), 201);
        for (var i = 0; i < 5; i++)
        {
            await Expect.ProblemAsync(await voter.VoteAsync(id, 2), 409, "ALREADY_VOTED");
        }
    }
}
