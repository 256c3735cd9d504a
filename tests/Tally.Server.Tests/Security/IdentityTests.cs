using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tally.Server.Hosting;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Security;

/// <summary>Who a caller is comes from a validated token's issuer and subject, and from nothing else it carries.</summary>
public sealed class IdentityTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task ReservedClaimsInAnExternalTokenDoNotMakeItsHolderSomeoneElse(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack);
        var alice = await Expect.JsonAsync(
            await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = "correct horse" }), 201);
        var aliceId = (string)alice["user_id"]!;
        var poll = await host.CreatePollAsync(host.NewClient((string)alice["access_token"]!), new
        {
            title = "Private",
            options = new[] { new { text = "Yes" }, new { text = "No" } },
            settings = new { results_visibility = "never" },
        });
        var pollId = (string)poll["id"]!;

        var claims = new Dictionary<string, object>
        {
            ["tally_voter"] = aliceId,
            ["name"] = "alice",
            ["role"] = "admin",
            ["roles"] = new[] { "admin" },
        };
        var asMallory = host.NewClient(TestTokens.Mint(host.ExternalKey, TallyTestHost.ExternalIssuer, "mallory", claims: claims));
        // Alice's id as the subject of another issuer is another voter, not alice.
        var asAliceElsewhere = host.NewClient(TestTokens.Mint(host.ExternalKey, TallyTestHost.ExternalIssuer, aliceId));

        foreach (var stranger in new[] { asMallory, asAliceElsewhere })
        {
            await Expect.ProblemAsync(await stranger.PostAsync($"/v1/polls/{pollId}/close", null), 403, "NOT_POLL_OWNER");
            await Expect.ProblemAsync(await stranger.GetAsync($"/v1/polls/{pollId}/results"), 403, "RESULTS_HIDDEN");
            await Expect.ProblemAsync(await stranger.GetAsync("/v1/admin/admins"), 403, "FORBIDDEN");
        }
        var created = await host.CreatePollAsync(asMallory);
        Assert.Equal(TallyTestHost.VoterIdOf("mallory"), (string?)created["owner_id"]);
        Assert.Equal("open", (string?)(await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}"), 200))["status"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task EachIssuersTokensMustCarryThatIssuersOwnAudience(Stack stack)
    {
        var otherKey = RandomNumberGenerator.GetBytes(32);
        await using var host = await TallyTestHost.StartAsync(stack,
            "--Tally:Auth:ExternalIssuers:0:Audience=aud-a",
            "--Tally:Auth:ExternalIssuers:1:Issuer=idp-b",
            $"--Tally:Auth:ExternalIssuers:1:Key={Convert.ToBase64String(otherKey)}",
            "--Tally:Auth:ExternalIssuers:1:Audience=aud-b");
        var idpA = TallyTestHost.ExternalIssuer;

        await host.CreatePollAsync(host.NewClient(TestTokens.Mint(host.ExternalKey, idpA, "ann", audience: "aud-a")));
        await host.CreatePollAsync(host.NewClient(TestTokens.Mint(otherKey, "idp-b", "bea", audience: "aud-b")));

        foreach (var token in new[]
        {
            TestTokens.Mint(host.ExternalKey, idpA, "ann", audience: "aud-b"),
            TestTokens.Mint(otherKey, "idp-b", "bea", audience: "aud-a"),
            TestTokens.Mint(host.ExternalKey, idpA, "ann", audience: "tally"),
            // Signed with one issuer's key in another's name.
            TestTokens.Mint(host.ExternalKey, "idp-b", "bea", audience: "aud-b"),
            TestTokens.Mint(host.ExternalKey, "tally", "some-user-id", audience: "tally"),
        })
        {
            await Expect.ProblemAsync(await host.NewClient(token).GetAsync("/v1/admin/admins"), 401, "UNAUTHENTICATED");
            await Expect.ProblemAsync(await host.NewClient(token).PostAsJsonAsync("/v1/polls", new { title = "x" }), 401, "UNAUTHENTICATED");
        }
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task IssuersFullOfColonsNeverShareAVoter(Stack stack)
    {
        var portKey = RandomNumberGenerator.GetBytes(32);
        var hostKey = RandomNumberGenerator.GetBytes(32);
        await using var host = await TallyTestHost.StartAsync(stack,
            "--Tally:Auth:ExternalIssuers:1:Issuer=https://idp.example",
            $"--Tally:Auth:ExternalIssuers:1:Key={Convert.ToBase64String(hostKey)}",
            "--Tally:Auth:ExternalIssuers:2:Issuer=https://idp.example:8443",
            $"--Tally:Auth:ExternalIssuers:2:Key={Convert.ToBase64String(portKey)}");
        var poll = await host.CreatePollAsync(host.Voter("owner"));
        var pollId = (string)poll["id"]!;

        // Spelled naively as issuer:subject, both would be "https://idp.example:8443:x".
        var first = host.NewClient(TestTokens.Mint(hostKey, "https://idp.example", "8443:x"));
        var second = host.NewClient(TestTokens.Mint(portKey, "https://idp.example:8443", "x"));
        await Expect.StatusAsync(await first.VoteAsync(pollId, 1), 201);
        var sequence = (long)(await Expect.JsonAsync(await second.VoteAsync(pollId, 2), 201))["sequence"]!;

        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}"), 200);
        Assert.True((bool)results["min_sequence_met"]!);
        Assert.Equal(2, (long)results["total_votes"]!);
        var mine = await Expect.JsonAsync(await first.GetAsync($"/v1/polls/{pollId}/votes/me?min_sequence={sequence}"), 200);
        Assert.Equal(1, (int)mine["option_id"]!);
    }

    [Theory]
    [InlineData("tally", "Tally:Auth:ExternalIssuers:0:Issuer")]
    [InlineData("", "Tally:Auth:ExternalIssuers:0:Issuer")]
    public void AnExternalIssuerMayNotTakeTheLocalIssuersNameNorGoUnnamed(string issuer, string namedKey)
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<OptionsValidationException>(() => TallyServer.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Tally:DataPath={folder.Path}",
            $"--Tally:Auth:ExternalIssuers:0:Issuer={issuer}",
            $"--Tally:Auth:ExternalIssuers:0:Key={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        ]));
        Assert.Contains(namedKey, error.Message);
    }
}
