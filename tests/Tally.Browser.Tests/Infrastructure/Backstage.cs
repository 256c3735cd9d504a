using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tally.Browser.Tests.Infrastructure;

/// <summary>
/// What happens behind a browser's back, through the API with bearer tokens: polls created, ballots cast through the
/// trusted proxy on loopback (X-Forwarded-For names the voter's address), an account made admin by root.
/// </summary>
public static class Backstage
{
    /// <summary>A poll owned by the external issuer's <paramref name="owner"/>, results live, vote change allowed; its id.</summary>
    public static async Task<string> CreatePollAsync(this TallySite site, string owner, string question, string[] options, string[] regions)
    {
        var poll = await SendAsync(site, HttpMethod.Post, "/v1/polls", owner, new
        {
            title = question,
            options = options.Select(text => new { text }),
            regions,
            settings = new { results_visibility = "live", allow_vote_change = true },
        }, 201);
        return (string)poll["id"]!;
    }

    /// <summary>
    /// A ballot for option <paramref name="optionId"/> (1-based) from the external issuer's <paramref name="subject"/> at
    /// <paramref name="address"/>; its sequence in the log.
    /// </summary>
    public static async Task<long> CastAsync(this TallySite site, string pollId, string subject, int optionId, string address, string region)
    {
        var vote = await SendAsync(site, HttpMethod.Post, $"/v1/polls/{pollId}/votes", subject, new { option_id = optionId, region }, 201, address);
        return (long)vote["sequence"]!;
    }

    /// <summary>Waits until the poll's suspicious clusters (the last view a desk reads) include the event at <paramref name="sequence"/>.</summary>
    public static Task AwaitFraudViewAsync(this TallySite site, string pollId, long sequence) =>
        Eventually.HoldsAsync(async () =>
        {
            var report = await SendAsync(site, HttpMethod.Get, $"/v1/admin/polls/{pollId}/suspicious?min_sequence={sequence}", TallySite.RootSubject, null, 200);
            return (long)report["as_of_sequence"]! >= sequence;
        }, TimeSpan.FromSeconds(60), $"the fraud view of poll {pollId} reaches event {sequence}");

    /// <summary>The poll's results as the API reads them, votes per option 1..n.</summary>
    public static async Task<long[]> VotesAsync(this TallySite site, string pollId)
    {
        var results = await ReadAsync(await site.Api.GetAsync($"/v1/polls/{pollId}/results"), 200, "results");
        return [.. results["options"]!.AsArray().OrderBy(o => (int)o!["option_id"]!).Select(o => (long)o!["votes"]!)];
    }

    /// <summary>Registers an own account and has root grant it admin, so a person can sign in to the admin desk.</summary>
    public static async Task RegisterAdminAsync(this TallySite site, string username, string password)
    {
        var registration = await ReadAsync(await site.Api.PostAsJsonAsync("/v1/auth/register", new { username, password }), 201, "register");
        await SendAsync(site, HttpMethod.Put, $"/v1/admin/admins/{registration["user_id"]}", TallySite.RootSubject, null, 200);
    }

    private static async Task<JsonObject> SendAsync(TallySite site, HttpMethod method, string path, string subject, object? body, int status, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Voter(site.ExternalKey, subject));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await ReadAsync(await site.Api.SendAsync(request), status, $"{method} {path}");
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, int status, string what)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"{what}: expected {status}, got {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
    }
}
