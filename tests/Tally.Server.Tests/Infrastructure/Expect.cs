using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tally.Server.Tests.Infrastructure;

public static class Expect
{
    public static async Task StatusAsync(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {status}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>An error response: the status, RFC 7807 problem+json, and the stable code.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        await StatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.Equal(code, (string?)problem["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), "A problem carries a human message.");
        return problem;
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, int status)
    {
        await StatusAsync(response, status);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
