using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Admin;

public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStacks))]
    public async Task APollsAuditTrailListsItsActionsInOrderPageByPageAndTheSystemsHoldsTheRest(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var otherPoll = (string)(await host.CreatePollAsync(root))["id"]!;
        var voter = host.Voter("voter-1");
        var vote = await Expect.JsonAsync(await voter.VoteAsync(pollId, 1), 201);
        await Expect.StatusAsync(await voter.DeleteAsync($"/v1/polls/{pollId}/votes/me", Ct), 200);
        await Expect.StatusAsync(await root.PostAsync($"/v1/admin/polls/{pollId}/recounts", null, Ct), 201);
        var granted = Uri.EscapeDataString(TallyTestHost.VoterIdOf("deputy"));
        await Expect.StatusAsync(await root.PutAsync($"/v1/admin/admins/{granted}", null, Ct), 200);
        await Expect.StatusAsync(await root.PostAsync($"/v1/polls/{pollId}/close", null, Ct), 200);

        var page = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/audit", Ct), 200);
        var entries = Entries(page);
        Assert.Equal(["poll_created", "vote_retracted", "recount", "poll_closed"], entries.Select(e => (string)e["action"]!));
        Assert.All(entries, e => Assert.Equal(pollId, (string?)e["poll_id"]));
        var retraction = entries[1];
        Assert.Equal((string?)vote["vote_id"], (string?)retraction["vote_id"]);
        Assert.Equal(TallyTestHost.VoterIdOf("voter-1"), (string?)retraction["actor"]);
        Assert.Null(page["next_cursor"]);

        // One at a time with the cursor: the same rows, in the same order, then an empty last page.
        var walked = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var next = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/audit?limit=1{(cursor is null ? "" : $"&cursor={cursor}")}", Ct), 200);
            walked.AddRange(Entries(next));
            cursor = (string?)next["next_cursor"];
        }
        while (cursor is not null);
        Assert.Equal(entries.Select(e => (long)e["audit_id"]!), walked.Select(e => (long)e["audit_id"]!));

        var retractions = Entries(await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/audit?action=vote_retracted", Ct), 200));
        Assert.Equal((long)retraction["audit_id"]!, (long)Assert.Single(retractions)["audit_id"]!);
        var at = (DateTimeOffset)retraction["at"]!;
        var window = Entries(await Expect.JsonAsync(await root.GetAsync(
            $"/v1/admin/polls/{pollId}/audit?from={Uri.EscapeDataString(at.ToString("O"))}&to={Uri.EscapeDataString(at.AddTicks(1).ToString("O"))}", Ct), 200));
        Assert.Contains(window, e => (long)e["audit_id"]! == (long)retraction["audit_id"]!);
        Assert.All(window, e => Assert.Equal(at, (DateTimeOffset)e["at"]!));
        Assert.Empty(Entries(await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/audit?from=2999-01-01T00:00:00Z", Ct), 200)));

        var system = Entries(await Expect.JsonAsync(await root.GetAsync("/v1/admin/audit?limit=500", Ct), 200));
        var grant = Assert.Single(system, e => (string?)e["action"] == "admin_granted");
        Assert.Equal(TallyTestHost.VoterIdOf("deputy"), (string?)grant["detail"]);
        Assert.Null((string?)grant["poll_id"]);
        Assert.Contains(system, e => (string?)e["poll_id"] == otherPoll && (string?)e["action"] == "poll_created");
        Assert.Equal(system.Select(e => (long)e["audit_id"]!).Order(), system.Select(e => (long)e["audit_id"]!));
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyAdminsReadTheAuditTrailAndBadParametersAreRefused(Stack stack)
    {
        await using var host = await StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var path = $"/v1/admin/polls/{pollId}/audit";

        await Expect.ProblemAsync(await host.Voter("someone").GetAsync(path, Ct), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Voter("someone").GetAsync("/v1/admin/audit", Ct), 403, "FORBIDDEN");
        await Expect.ProblemAsync(await host.Client.GetAsync("/v1/admin/audit", Ct), 401, "UNAUTHENTICATED");
        await Expect.ProblemAsync(await root.GetAsync($"/v1/admin/polls/{Guid.NewGuid()}/audit", Ct), 404, "POLL_NOT_FOUND");
        foreach (var query in new[] { "cursor=abc", "cursor=-1", "limit=0", "limit=501", "limit=ten", "action=DROP%20TABLE", "action=", "from=yesterday", "to=2026-11-29" })
        {
            await Expect.ProblemAsync(await root.GetAsync($"{path}?{query}", Ct), 400, "VALIDATION_FAILED");
            await Expect.ProblemAsync(await root.GetAsync($"/v1/admin/audit?{query}", Ct), 400, "VALIDATION_FAILED");
        }
    }

    private static List<JsonObject> Entries(JsonObject page) => [.. page["entries"]!.AsArray().Select(e => e!.AsObject())];

    private static Task<TallyTestHost> StartAsync(Stack stack) => TallyTestHost.StartAsync(stack,
        $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root",
        "--Tally:Reads:MinSequenceWait=00:00:30");
}
