using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

/// <summary>
/// A host as fraud review meets it: "root" an admin, votes arriving from many clients through a trusted proxy on
/// loopback (X-Forwarded-For names each), from voters of the external issuer.
/// </summary>
internal static class FraudDesk
{
    /// <summary>User agents of real browsers and apps, as a poll's ordinary voters send them.</summary>
    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; M2101K6G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.107 Mobile Safari/537.36",
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/114.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
    ];

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<TallyTestHost> StartAsync(Stack stack, params string[] settings) => TallyTestHost.StartAsync(stack,
    [
        $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}",
        "--Tally:Auth:Admins:0:Subject=root",
        "--Tally:Network:TrustedProxies:0=127.0.0.1",
        "--Tally:Reads:MinSequenceWait=00:00:30",
        .. settings,
    ]);

    /// <summary>A distinct address per ordinary voter, each in a /24 of its own.</summary>
    public static string OrdinaryAddress(int i) => $"{20 + i % 180}.{i / 180 % 250}.{i * 37 % 250}.{1 + i % 250}";

    /// <summary>A vote from <paramref name="subject"/> as the proxy forwards it from <paramref name="address"/>.</summary>
    public static Task<HttpResponseMessage> VoteFromAsync(
        this TallyTestHost host, HttpClient client, string pollId, string subject, int optionId, string address, string? userAgent = null, string? region = "north")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes") { Content = JsonContent.Create(new { option_id = optionId, region }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.MintToken(subject));
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent ?? UserAgents[0]);
        return client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>Results that include <paramref name="sequence"/>, per option 1..n.</summary>
    public static async Task<long[]> ResultsAsync(this TallyTestHost host, string pollId, long sequence)
    {
        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}", Ct), 200);
        Assert.True((bool?)results["min_sequence_met"], "The views reached the sequence asked for.");
        return Votes(results);
    }

    public static long[] Votes(JsonObject results) =>
        [.. results["options"]!.AsArray().OrderBy(o => (int)o!["option_id"]!).Select(o => (long)o!["votes"]!)];

    /// <summary>Live votes per option 1..<paramref name="options"/> from the ledger's vote rows (a GROUP BY beneath the API).</summary>
    public static async Task<long[]> LedgerLiveAsync(this TallyTestHost host, string pollId, int options = 3)
    {
        var live = await host.Ledger.LiveVotesByOptionAsync(Guid.Parse(pollId), Ct);
        return [.. Enumerable.Range(1, options).Select(o => live.GetValueOrDefault(o))];
    }
}
