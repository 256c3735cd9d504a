using System.Text;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>Bad input at every endpoint: a 4xx problem+json with a stable code, and the ledger exactly as it was.</summary>
public sealed class MalformedInputTests(MalformedInputFixture fixture) : IClassFixture<MalformedInputFixture>
{
    private static readonly string Oversized = "{\"option_id\":1,\"region\":\"" + new string('x', 20_000) + "\"}";

    private static TheoryData<string, string, string?, string?, int, string> Requests => new()
    {
        // method, path ({poll} = an existing poll), body, content type, status, code
        { "POST", "/v1/auth/register", "{not json", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/auth/register", "", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/auth/register", "{\"username\":42,\"password\":\"x\"}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/auth/register", "{\"username\":\"ok-name\"}", "application/json", 400, "VALIDATION_FAILED" },
        { "POST", "/v1/auth/login", "[]", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/auth/login", "username=a&password=b", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "POST", "/v1/polls", "{\"title\":", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":\"A,B\"}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":[null,{\"text\":\"B\"}]}", "application/json", 400, "VALIDATION_FAILED" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":[{\"text\":\"A\"},{\"text\":\"B\"}],\"settings\":{\"results_visibility\":\"sometimes\"}}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":[{\"text\":\"A\"},{\"text\":\"B\"}],\"settings\":{\"results_visibility\":1}}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":[{\"text\":\"A\"},{\"text\":\"B\"}],\"end_time\":\"yesterday\"}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls", "{\"title\":\"t\",\"options\":[{\"text\":\"A\"},{\"text\":\"A\"}]}", "application/json", 400, "VALIDATION_FAILED" },
        { "POST", "/v1/polls/not-a-poll/close", null, null, 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{\"option_id\":\"one\"}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{\"option_id\":1.5}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{\"option_id\":99999999999}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{}", "application/json", 400, "VALIDATION_FAILED" },
        { "POST", "/v1/polls/{poll}/votes", "null", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{\"option_id\":1,\"region\":[\"north\"]}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "{\"option_id\":1,\"region\":\"north\"", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes", "option_id=1", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE" },
        { "POST", "/v1/polls/{poll}/votes", Oversized, "application/json", 413, "PAYLOAD_TOO_LARGE" },
        { "POST", "/v1/polls/12345/votes", "{\"option_id\":1}", "application/json", 400, "MALFORMED_REQUEST" },
        { "POST", "/v1/polls/{poll}/votes?key=bad", "{\"option_id\":1,\"region\":\"north\"}", "application/json+bad-key", 400, "INVALID_IDEMPOTENCY_KEY" },
        { "DELETE", "/v1/polls/xyz/votes/me", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls/xyz/votes/me", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls/{poll}/votes/me?min_sequence=soon", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls/xyz", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls?page=zero", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls?page=0", null, null, 400, "VALIDATION_FAILED" },
        { "GET", "/v1/polls/{poll}/results?min_sequence=abc", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls/{poll}/results?min_sequence=-4", null, null, 400, "VALIDATION_FAILED" },
        { "GET", "/v1/polls/xyz/heatmap", null, null, 400, "MALFORMED_REQUEST" },
        { "GET", "/v1/polls/{poll}/delta?since=5", null, null, 400, "VALIDATION_FAILED" },
        { "GET", "/v1/polls/{poll}/delta?since=-5m", null, null, 400, "VALIDATION_FAILED" },
        { "GET", "/v1/polls/xyz/live", null, null, 400, "MALFORMED_REQUEST" },
        { "PUT", "/v1/polls/{poll}/votes", "{}", "application/json", 405, "METHOD_NOT_ALLOWED" },
        { "GET", "/v1/ballots", null, null, 404, "NOT_FOUND" },
    };

    public static IEnumerable<object?[]> Cases => BothStacks.Each(Requests);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequestsGetAProblemAndChangeNothing(
        Stack stack, string method, string path, string? body, string? contentType, int status, string code)
    {
        var (host, pollId) = await fixture.OnAsync(stack);
        var before = await host.Ledger.CountsAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{poll}", pollId));
        request.Headers.Authorization = new("Bearer", host.MintToken("prober"));
        if (contentType == "application/json+bad-key")
        {
            contentType = "application/json";
            request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType!);
        }

        var response = await host.Client.SendAsync(request);

        await Expect.ProblemAsync(response, status, code);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await host.Ledger.CountsAsync());
    }
}
