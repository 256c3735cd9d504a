using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Limits;
using Tally.Server.Tests.Infrastructure;
using Tally.Testing;

namespace Tally.Server.Tests.Limits;

public sealed class LoginLockoutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task FiftyWrongPasswordsLockTheAccountEvenAgainstTheRightOneUntilTheLockoutEnds(Stack stack)
    {
        // Buckets wide open, so every refusal here is the lockout's. About the lockout, not a slow Redis (that is
        // LockoutsOutliveARedisOutage): a busy machine may exceed the 250 ms a node waits for Redis, and needs a lockout
        // that outlasts the forty refusals.
        await using var host = await TallyTestHost.StartAsync(stack,
        [
            "--Tally:Limits:Login:PerAccount:TokenLimit=1000",
            "--Tally:Limits:Login:PerIp:TokenLimit=1000",
            "--Tally:Limits:LoginFailures:PerAccount:Threshold=10",
            "--Tally:Limits:LoginFailures:PerAccount:Lockout=00:00:20",
            "--Tally:Limits:LoginFailures:PerAccount:MaxLockout=00:00:20",
            "--Tally:Limits:Redis:Timeout=00:00:30",
        ]);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "bob", password = "right password" }), 201);
        Task<HttpResponseMessage> Login(string password) =>
            host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "Bob", password });

        var statuses = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((int)(await Login($"guess-{i}")).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(401, 10).Concat(Enumerable.Repeat(429, 40)), statuses);

        await RateLimited.ExpectAsync(await Login("right password"));
        var after = await RateLimited.UntilServedAsync(() => Login("right password"), Patience);
        await Expect.StatusAsync(after, 200);
    }

    [Fact]
    public async Task LockoutsOutliveARedisOutage()
    {
        await using var servers = SharedServers.Create();
        using var redis = new PrivateRedis();
        await using var host = await TallyTestHost.StartOnAsync(servers, settings:
        [
            redis.ViewsSetting,
            "--Tally:Limits:Login:PerAccount:TokenLimit=1000",
            "--Tally:Limits:Login:PerIp:TokenLimit=1000",
            "--Tally:Limits:LoginFailures:PerIp:Threshold=1000",
            "--Tally:Limits:LoginFailures:PerAccount:Threshold=3",
            "--Tally:Limits:LoginFailures:PerAccount:Lockout=00:10:00",
            "--Tally:Limits:LoginFailures:PerAccount:MaxLockout=00:10:00",
        ]);
        foreach (var name in new[] { "bob", "carol" })
        {
            await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = name, password = "right password" }), 201);
        }
        Task<HttpResponseMessage> Login(string username, string password) =>
            host.Client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        // Bob is locked and carol two wrong passwords along, both counted in Redis.
        for (var i = 0; i < 3; i++)
        {
            await Expect.ProblemAsync(await Login("bob", $"guess-{i}"), 401, "INVALID_CREDENTIALS");
        }
        for (var i = 0; i < 2; i++)
        {
            await Expect.ProblemAsync(await Login("carol", $"guess-{i}"), 401, "INVALID_CREDENTIALS");
        }

        await redis.StopAsync();

        // On its own, the node neither lifts bob's lock nor starts carol's count again.
        await RateLimited.ExpectAsync(await Login("bob", "right password"));
        await Expect.ProblemAsync(await Login("carol", "guess-2"), 401, "INVALID_CREDENTIALS");
        await RateLimited.ExpectAsync(await Login("carol", "right password"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ALockedAccountStaysLockedUnderEverySpellingOfItsName(Stack stack)
    {
        // Buckets and the address's lockout wide open, so every refusal here is the account's lockout.
        await using var host = await TallyTestHost.StartAsync(stack,
            "--Tally:Limits:Login:PerAccount:TokenLimit=1000",
            "--Tally:Limits:Login:PerIp:TokenLimit=1000",
            "--Tally:Limits:LoginFailures:PerAccount:Threshold=3",
            "--Tally:Limits:LoginFailures:PerAccount:Lockout=00:10:00",
            "--Tally:Limits:LoginFailures:PerAccount:MaxLockout=00:10:00");
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "bob", password = "right password" }), 201);
        Task<HttpResponseMessage> Login(string username, string password) =>
            host.Client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        // The account lookup takes the full-width name for bob's.
        await Expect.StatusAsync(await Login("\uFF42\uFF4F\uFF42", "right password"), 200);

        for (var i = 0; i < 3; i++)
        {
            await Expect.ProblemAsync(await Login("bob", $"guess-{i}"), 401, "INVALID_CREDENTIALS");
        }
        foreach (var spelling in new[] { "bob", "BOB", "\uFF42\uFF4F\uFF42", "\uFF22o\uFF42", "\uFF42\uFF2F\uFF22" })
        {
            await RateLimited.ExpectAsync(await Login(spelling, "right password"));
        }
    }

    [Fact]
    public async Task AFloodOfUsernamesKeepsTheFailureTableBoundedAndALockedAccountLocked()
    {
        await using var host = await TallyTestHost.StartAsync(settings:
        [
            "--Tally:Limits:Login:PerAccount:TokenLimit=1000",
            "--Tally:Limits:Login:PerIp:TokenLimit=1000",
            "--Tally:Limits:LoginFailures:MaxTracked=100",
            "--Tally:Limits:LoginFailures:PerAccount:Threshold=3",
            "--Tally:Limits:LoginFailures:PerAccount:Lockout=00:10:00",
            "--Tally:Limits:LoginFailures:PerAccount:MaxLockout=00:10:00",
        ]);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "bob", password = "right password" }), 201);
        Task<HttpResponseMessage> Login(string username, string password) =>
            host.Client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        for (var i = 0; i < 3; i++)
        {
            await Expect.ProblemAsync(await Login("bob", $"guess-{i}"), 401, "INVALID_CREDENTIALS");
        }
        await Expect.ProblemAsync(await Login("mallory-0", "guess"), 401, "INVALID_CREDENTIALS");

        // Wrong passwords for ever new names, counted in the store directly (through HTTP each would run the password hash).
        var failures = host.Services.GetRequiredService<MemoryLoginFailures>();
        for (var i = 1; i < 10_000; i++)
        {
            failures.CountFailure($"account:mallory-{i}", TimeSpan.FromHours(1));
            Assert.True(failures.Tracked <= 100, $"{failures.Tracked} keys tracked");
        }
        await RateLimited.ExpectAsync(await Login("bob", "right password"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task WrongPasswordsForManyAccountsLockTheAddress(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack, "--Tally:Limits:LoginFailures:PerIp:Threshold=5");
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "frank", password = "right password" }), 201);
        for (var i = 0; i < 5; i++)
        {
            await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = $"user-{i}", password = "guess" }), 401, "INVALID_CREDENTIALS");
        }
        await RateLimited.ExpectAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "frank", password = "right password" }));
    }
}
