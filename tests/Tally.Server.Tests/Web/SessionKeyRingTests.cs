using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;
using Tally.Testing;

namespace Tally.Server.Tests.Web;

/// <summary>The keys protecting anti-forgery tokens live in the ledger: any node on it, and the same node after a restart, accepts them.</summary>
public sealed class SessionKeyRingTests
{
    [Fact]
    public async Task AnAntiForgeryTokenIssuedByOneNodeIsAcceptedByAnotherOnTheSameLedger()
    {
        await using var servers = SharedServers.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        string[] settings = [$"--Tally:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"];
        // Started together on a new ledger, as a deployment's nodes are: each may make a first key of its own.
        var starting = new[] { TallyTestHost.StartOnAsync(servers, key, settings), TallyTestHost.StartOnAsync(servers, key, settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }
            throw;
        }
        await using var nodeA = await starting[0];
        await using var nodeB = await starting[1];
        var pollId = (string)(await nodeA.CreatePollAsync(nodeA.Voter("owner")))["id"]!;
        var (onA, _) = await Browser.SignUpAsync(nodeA, "alice");
        using var __ = onA;
        using var onB = onA.At(nodeB);

        await Expect.ProblemAsync(await onB.VoteAsync(pollId, 1, csrfToken: ""), 403, "CSRF_TOKEN_INVALID");
        await Expect.StatusAsync(await onB.VoteAsync(pollId, 1), 201);
        Assert.Single(await nodeA.Ledger.VotesAsync(Guid.Parse(pollId)), v => !v.IsRetracted);
        // And the other way: a token node B hands out passes on node A.
        var fromB = (string?)(await Expect.JsonAsync(await onB.Client.GetAsync("/v1/auth/session"), 200))["csrf_token"];
        await Expect.StatusAsync(await onA.SendAsync(HttpMethod.Delete, $"/v1/polls/{pollId}/votes/me", csrfToken: fromB), 200);
    }

    [Fact]
    public async Task ARestartedEmbeddedNodeAcceptsTheAntiForgeryTokenItIssuedBefore()
    {
        using var folder = new TempFolder();
        var key = RandomNumberGenerator.GetBytes(32);
        string pollId;
        Browser before;
        await using (var first = await TallyTestHost.StartInAsync(folder.Path, key))
        {
            pollId = (string)(await first.CreatePollAsync(first.Voter("owner")))["id"]!;
            (before, _) = await Browser.SignUpAsync(first, "alice");
        }
        using var ___ = before;
        await using var restarted = await TallyTestHost.StartInAsync(folder.Path, key);
        using var after = before.At(restarted);

        await Expect.StatusAsync(await after.VoteAsync(pollId, 1), 201);
        Assert.Single(await restarted.Ledger.VotesAsync(Guid.Parse(pollId)));
        // The first start's key, read back from the ledger: the restart made none.
        Assert.Equal(1, await restarted.Ledger.CountRowsAsync("session_keys"));
    }
}
