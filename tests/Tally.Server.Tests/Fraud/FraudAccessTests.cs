using System.Net.Http.Json;
using System.Text;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class FraudAccessTests
{
    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnlyAdminsReachFraudReview(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        var pollId = (string)(await host.CreatePollAsync(host.Voter("root")))["id"]!;
        // The poll's owner is no admin either.
        var owner = host.Voter("owner");
        var ownPoll = (string)(await host.CreatePollAsync(owner))["id"]!;
        foreach (var (client, status, code) in new[] { (host.Voter("someone"), 403, "FORBIDDEN"), (owner, 403, "FORBIDDEN"), (host.Client, 401, "UNAUTHENTICATED") })
        {
            foreach (var poll in new[] { pollId, ownPoll })
            {
                foreach (var request in Requests(poll))
                {
                    await Expect.ProblemAsync(await client.SendAsync(request(), FraudDesk.Ct), status, code);
                }
            }
        }
        Assert.DoesNotContain(await host.Ledger.AuditAsync(FraudDesk.Ct), a => a.Action is "block_placed" or "block_lifted" or "vote_retracted" or "vote_reinstated");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task MalformedRequestsAreRefusedWithAProblemAtEveryFraudEndpoint(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var retractions = $"/v1/admin/polls/{pollId}/retractions";
        var reinstatements = $"/v1/admin/polls/{pollId}/reinstatements";
        var untouched = await host.Ledger.CountsAsync(FraudDesk.Ct);

        foreach (var query in new[] { "window=10x", "window=0m", "window=401d", "window=-5m", "min_votes=0", "min_votes=1000001", "min_votes=ten", "limit=0", "limit=101", "min_sequence=-1" })
        {
            await Expect.ProblemAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/suspicious?{query}", FraudDesk.Ct), 400, "VALIDATION_FAILED");
        }
        await Expect.ProblemAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/suspicious?min_sequence=abc", FraudDesk.Ct), 400, "MALFORMED_REQUEST");
        await Expect.ProblemAsync(await root.GetAsync($"/v1/admin/polls/{Guid.NewGuid()}/suspicious", FraudDesk.Ct), 404, "POLL_NOT_FOUND");
        var quiet = await Expect.JsonAsync(await root.GetAsync($"/v1/admin/polls/{pollId}/suspicious?window=400d&min_votes=1&limit=100", FraudDesk.Ct), 200);
        Assert.Equal("400d", (string?)quiet["window"]);
        Assert.Empty(quiet["clusters"]!.AsArray());

        var tooMany = Enumerable.Range(0, 10_001).Select(_ => Guid.NewGuid()).ToArray();
        object[] invalidRetractions =
        [
            new { reason = "nothing selected" },
            new { ip_address = "203.0.113.5", network = "203.0.113.0/24", reason = "two selected" },
            new { vote_ids = Array.Empty<Guid>(), reason = "none listed" },
            new { vote_ids = tooMany, reason = "too many listed" },
            new { ip_address = "not an address", reason = "r" },
            new { network = "203.0.113.0/40", reason = "r" },
            new { ip_address = "203.0.113.5", from = "yesterday", reason = "r" },
            new { ip_address = "203.0.113.5", from = "2026-11-29T11:00:00Z", to = "2026-11-29T10:00:00Z", reason = "r" },
            new { ip_address = "203.0.113.5" },
            new { ip_address = "203.0.113.5", reason = " \u200B " },
        ];
        foreach (var body in invalidRetractions)
        {
            await Expect.ProblemAsync(await root.PostJsonAsync(retractions, body), 400, "VALIDATION_FAILED");
        }
        object[] invalidReinstatements =
        [
            new { reason = "none listed" },
            new { vote_ids = Array.Empty<Guid>(), reason = "none listed" },
            new { vote_ids = tooMany, reason = "too many listed" },
            new { vote_ids = new[] { Guid.NewGuid() } },
        ];
        foreach (var body in invalidReinstatements)
        {
            await Expect.ProblemAsync(await root.PostJsonAsync(reinstatements, body), 400, "VALIDATION_FAILED");
        }
        string[] anyBody = ["{", "[]", "\"text\"", "{\"reason\":7}", "{\"reason\":\"\\uD800\"}"];
        string[] selections = ["{\"vote_ids\":\"x\"}", "{\"vote_ids\":[\"not-a-guid\"]}", "{\"vote_ids\":[null]}"];
        var malformed = new Dictionary<string, string[]>
        {
            [retractions] = [.. anyBody, .. selections, "{\"dry_run\":\"yes\"}", "{\"from\":5}"],
            [reinstatements] = [.. anyBody, .. selections],
            ["/v1/admin/blocks"] = [.. anyBody, "{\"poll_id\":\"nope\"}", "{\"ip_address\":[\"203.0.113.5\"]}", "{\"duration\":60}"],
        };
        foreach (var (path, bodies) in malformed)
        {
            foreach (var json in bodies)
            {
                await Expect.ProblemAsync(await root.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), FraudDesk.Ct), 400, "MALFORMED_REQUEST");
            }
            await Expect.ProblemAsync(await root.PostAsync(path, new StringContent("reason=x", Encoding.UTF8, "application/x-www-form-urlencoded"), FraudDesk.Ct),
                415, "UNSUPPORTED_MEDIA_TYPE");
            await Expect.ProblemAsync(await OversizedAsync(host, path), 413, "PAYLOAD_TOO_LARGE");
        }
        await Expect.ProblemAsync(await root.PostJsonAsync(retractions, new { ip_address = "203.0.113.5", reason = "r" }, "bad key with spaces"), 400, "INVALID_IDEMPOTENCY_KEY");
        await Expect.ProblemAsync(await root.PostJsonAsync(reinstatements, new { vote_ids = new[] { Guid.NewGuid() }, reason = "r" }, new string('k', 256)), 400, "INVALID_IDEMPOTENCY_KEY");
        await Expect.ProblemAsync(await root.PostJsonAsync($"/v1/admin/polls/{Guid.NewGuid()}/retractions", new { ip_address = "203.0.113.5", reason = "r" }), 404, "POLL_NOT_FOUND");
        await Expect.ProblemAsync(await root.PostJsonAsync($"/v1/admin/polls/{Guid.NewGuid()}/reinstatements", new { vote_ids = new[] { Guid.NewGuid() }, reason = "r" }), 404, "POLL_NOT_FOUND");
        await Expect.ProblemAsync(await root.PostJsonAsync(reinstatements, new { vote_ids = new[] { Guid.NewGuid() }, reason = "r" }), 404, "VOTE_NOT_FOUND");
        await Expect.ProblemAsync(await root.DeleteAsync("/v1/admin/blocks/not-a-block", FraudDesk.Ct), 400, "MALFORMED_REQUEST");
        await Expect.ProblemAsync(await root.GetAsync("/v1/admin/polls/not-a-poll/export", FraudDesk.Ct), 400, "MALFORMED_REQUEST");

        // The largest selection allowed fits in one request, whatever the service-wide body cap.
        var most = await Expect.JsonAsync(await root.PostJsonAsync(retractions, new { vote_ids = tooMany[..10_000], reason = "r", dry_run = true }), 200);
        Assert.Equal(0, (int)most["count"]!);
        Assert.Equal(untouched, await host.Ledger.CountsAsync(FraudDesk.Ct));
    }

    /// <summary>
    /// A body over the endpoint's cap, announced with Expect: 100-continue so it is never sent: the server refuses it from
    /// its Content-Length, and a client still sending would meet a closed connection instead of the answer.
    /// </summary>
    private static async Task<HttpResponseMessage> OversizedAsync(TallyTestHost host, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(new string(' ', 2 * 1024 * 1024), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", host.MintToken("root"));
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request, FraudDesk.Ct);
        await response.Content.LoadIntoBufferAsync(FraudDesk.Ct);
        return response;
    }

        private static IEnumerable<Func<HttpRequestMessage>> Requests(string pollId) =>
    [
        () => new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/polls/{pollId}/suspicious"),
        () => new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/polls/{pollId}/retractions") { Content = JsonContent.Create(new { ip_address = "127.0.0.1", reason = "r" }) },
        () => new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/polls/{pollId}/reinstatements") { Content = JsonContent.Create(new { vote_ids = new[] { Guid.NewGuid() }, reason = "r" }) },
        () => new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/polls/{pollId}/export"),
        () => new HttpRequestMessage(HttpMethod.Post, "/v1/admin/blocks") { Content = JsonContent.Create(new { ip_address = "127.0.0.1", reason = "r" }) },
        () => new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/blocks/{Guid.NewGuid()}"),
        () => new HttpRequestMessage(HttpMethod.Get, "/v1/admin/blocks"),
    ];
}
