using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Endpoints;

public sealed class AuthEndpointTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task RegisterReturnsATokenThatAuthorizesCreatingAPoll(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var registered = await Expect.JsonAsync(
            await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = "correct horse" }), 201);
        Assert.Equal("Bearer", (string?)registered["token_type"]);
        var poll = await host.CreatePollAsync(host.NewClient((string)registered["access_token"]!));
        Assert.Equal((string?)registered["user_id"], (string?)poll["owner_id"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task LoginChecksThePassword(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "bob", password = "s3cret-pass" }), 201);

        var ok = await Expect.JsonAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "BOB", password = "s3cret-pass" }), 200);
        Assert.False(string.IsNullOrEmpty((string?)ok["access_token"]));
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "bob", password = "wrong-pass" }), 401, "INVALID_CREDENTIALS");
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/login", new { username = "nobody", password = "s3cret-pass" }), 401, "INVALID_CREDENTIALS");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task UsernamesAreUniqueWhateverTheirCase(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "carol", password = "password-1" }), 201);
        await Expect.ProblemAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "Carol", password = "password-2" }), 409, "USERNAME_TAKEN");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task PasswordsAreStoredOnlyAsSaltedHashes(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "dave", password = "plain-text-pw" }), 201);
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "erin", password = "plain-text-pw" }), 201);

        var hashes = await host.Ledger.PasswordHashesAsync();
        Assert.Equal(2, hashes.Count);
        Assert.All(hashes, h => Assert.DoesNotContain("plain-text-pw", h));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task WeakRegistrationsAreRefusedWithFieldErrors(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var problem = await Expect.ProblemAsync(
            await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "a b", password = "short" }), 400, "VALIDATION_FAILED");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("username"));
        Assert.True(errors.ContainsKey("password"));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task ExternalIssuerTokensAreAcceptedAndForgedOnesAreNot(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var poll = await host.CreatePollAsync(host.Voter("owner"));
        Assert.Equal(TallyTestHost.VoterIdOf("owner"), (string?)poll["owner_id"]);

        var forged = host.NewClient(host.MintToken("mallory", new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32))));
        await Expect.ProblemAsync(await forged.VoteAsync((string)poll["id"]!, 1), 401, "UNAUTHENTICATED");
        await Expect.ProblemAsync(await host.Client.VoteAsync((string)poll["id"]!, 1), 401, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task TheGeneratedSigningKeySurvivesARestart()
    {
        using var folder = new TempFolder();
        string token;
        await using (var first = await TallyTestHost.StartInAsync(folder.Path))
        {
            var registered = await Expect.JsonAsync(
                await first.Client.PostAsJsonAsync("/v1/auth/register", new { username = "frank", password = "password-1" }), 201);
            token = (string)registered["access_token"]!;
        }
        await using var second = await TallyTestHost.StartInAsync(folder.Path);
        await second.CreatePollAsync(second.NewClient(token));
    }
}
