using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tally.Server.Hosting;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Admin;

public sealed class AdminEndpointTests
{
    private const string UrlIssuer = "https://idp.example";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyAdminsGetAnythingUnderAdmin(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
        var root = host.Voter("root");
        var list = await Expect.JsonAsync(await root.GetAsync("/v1/admin/admins"), 200);
        var admin = Assert.Single(list["admins"]!.AsArray())!;
        Assert.Equal((TallyTestHost.VoterIdOf("root"), "configuration"), ((string?)admin["voter_id"], (string?)admin["source"]));
        await Expect.ProblemAsync(await root.GetAsync("/v1/admin/no-such-thing"), 404, "NOT_FOUND");

        var voter = host.Voter("someone");
        foreach (var (client, status, code) in new[] { (voter, 403, "FORBIDDEN"), (host.Client, 401, "UNAUTHENTICATED") })
        {
            await Expect.ProblemAsync(await client.GetAsync("/v1/admin/admins"), status, code);
            await Expect.ProblemAsync(await client.PutAsync($"/v1/admin/admins/{TallyTestHost.VoterIdOf("someone")}", null), status, code);
            await Expect.ProblemAsync(await client.DeleteAsync($"/v1/admin/admins/{TallyTestHost.VoterIdOf("root")}"), status, code);
            await Expect.ProblemAsync(await client.GetAsync("/v1/admin/no-such-thing"), status, code);
        }
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnAdminGrantsAndRevokesAdminAndEveryChangeIsAudited(Stack stack)
    {
        var urlKey = RandomNumberGenerator.GetBytes(32);
        await using var host = await TallyTestHost.StartAsync(stack,
            $"--Tally:Auth:ExternalIssuers:1:Issuer={UrlIssuer}",
            $"--Tally:Auth:ExternalIssuers:1:Key={Convert.ToBase64String(urlKey)}",
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
        var root = host.Voter("root");
        var carol = host.NewClient(TestTokens.Mint(urlKey, UrlIssuer, "team:carol"));
        var carolId = $"{UrlIssuer}:team%3Acarol";
        var carolPath = $"/v1/admin/admins/{Uri.EscapeDataString(carolId)}";
        await Expect.ProblemAsync(await carol.GetAsync("/v1/admin/admins"), 403, "FORBIDDEN");

        var granted = await Expect.JsonAsync(await root.PutAsync(carolPath, null), 200);
        Assert.Equal(carolId, (string?)granted["voter_id"]);
        Assert.True((bool)granted["changed"]!);
        var list = await Expect.JsonAsync(await carol.GetAsync("/v1/admin/admins"), 200);
        Assert.Contains(list["admins"]!.AsArray(), a => (string?)a!["voter_id"] == carolId && (string?)a["granted_by"] == TallyTestHost.VoterIdOf("root"));
        Assert.False((bool)(await Expect.JsonAsync(await carol.PutAsync(carolPath, null), 200))["changed"]!);

        await Expect.ProblemAsync(
            await carol.DeleteAsync($"/v1/admin/admins/{TallyTestHost.VoterIdOf("root")}"), 409, "ADMIN_FROM_CONFIGURATION");
        Assert.False((bool)(await Expect.JsonAsync(await root.DeleteAsync(carolPath), 200))["is_admin"]!);
        await Expect.ProblemAsync(await carol.GetAsync("/v1/admin/admins"), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await root.DeleteAsync(carolPath), 404, "ADMIN_NOT_FOUND");
        await Expect.ProblemAsync(await root.PutAsync("/v1/admin/admins/bad%0Aid", null), 400, "VALIDATION_FAILED");

        Assert.Equal(
            [("admin_granted", TallyTestHost.VoterIdOf("root"), carolId), ("admin_revoked", TallyTestHost.VoterIdOf("root"), carolId)],
            (await host.Ledger.AuditAsync()).Where(a => a.Action.StartsWith("admin_", StringComparison.Ordinal)).Select(a => (a.Action, a.Actor, a.Detail)));
    }

    [Fact]
    public async Task AnAdminNamedByUserIdIsThatAccountAndNoUsernameCanTakeItsPlace()
    {
        using var folder = new TempFolder();
        string aliceId, aliceToken;
        await using (var first = await TallyTestHost.StartInAsync(folder.Path))
        {
            var alice = await Expect.JsonAsync(
                await first.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = "correct horse" }), 201);
            (aliceId, aliceToken) = ((string)alice["user_id"]!, (string)alice["access_token"]!);
        }
        await using var host = await TallyTestHost.StartInAsync(folder.Path, settings: [$"--Tally:Auth:Admins:0:UserId={aliceId}"]);
        await Expect.StatusAsync(await host.NewClient(aliceToken).GetAsync("/v1/admin/admins"), 200);

        // Someone registering the admin's id as a username is still only themselves.
        var squatter = await Expect.JsonAsync(
            await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = aliceId, password = "correct horse" }), 201);
        await Expect.ProblemAsync(await host.NewClient((string)squatter["access_token"]!).GetAsync("/v1/admin/admins"), 403, "FORBIDDEN");
    }

    [Theory]
    [InlineData("--Tally:Auth:Admins:0:UserId=alice", "Tally:Auth:Admins:0:UserId")]
    [InlineData("--Tally:Auth:Admins:0:Subject=root", "Tally:Auth:Admins:0")]
    [InlineData("--Tally:Auth:Admins:0:Issuer=unknown-idp", "Tally:Auth:Admins:0")]
    public void AnAdminEntryThatNamesNobodyStopsTheStart(string setting, string namedKey)
    {
        using var folder = new TempFolder();
        var extra = setting.Contains("unknown-idp") ? "--Tally:Auth:Admins:0:Subject=root" : "--Logging:LogLevel:Default=Warning";
        var error = Assert.Throws<OptionsValidationException>(() =>
            TallyServer.Build(["--urls=http://127.0.0.1:0", $"--Tally:DataPath={folder.Path}", setting, extra]));
        Assert.Contains(namedKey, error.Message);
    }
}
