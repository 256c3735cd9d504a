using System.Net.Http.Headers;
using Tally.Server.Tests.Infrastructure;
using Tally.Testing;

namespace Tally.Server.Tests.Observability;

[Collection(ProcessWideMetrics.Name)]
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Theory, ClassData(typeof(BothStacks))]
    public async Task OnTheServicePortMetricsAreForAdminsAndCountTheVotes(Stack stack)
    {
        await using var host = await TallyTestHost.StartAsync(stack,
            $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
        await Expect.ProblemAsync(await host.Client.GetAsync("/metrics"), 401, "UNAUTHENTICATED");
        await Expect.ProblemAsync(await host.Voter("someone").GetAsync("/metrics"), 403, "FORBIDDEN");

        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        await Expect.StatusAsync(await host.Voter("alice").VoteAsync(id, 1), 201);

        var root = host.Voter("root");
        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            var response = await root.GetAsync("/metrics");
            await Expect.StatusAsync(response, 200);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
            return SampleOf(text, "tally_ledger_votes_accepted_total") >= 1 && SampleOf(text, "tally_server_vote_duration_seconds_count") >= 1;
        }, Within, "the admin's scrape counts the accepted vote and times it");
        Assert.Contains("tally_ledger_batch_size", text);
        Assert.Contains("tally_sync_lag_events", text);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task TheMetricsListenerServesMetricsWithoutATokenAndNothingElse(Stack stack)
    {
        var port = FreePort.Next();
        await using var host = await TallyTestHost.StartAsync(stack, $"--Tally:Metrics:Urls=http://127.0.0.1:{port}");
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        var scrape = await scraper.GetAsync("/metrics");
        await Expect.StatusAsync(scrape, 200);
        Assert.Contains("tally_sync_lag_events", await scrape.Content.ReadAsStringAsync());
        await Expect.ProblemAsync(await scraper.GetAsync("/v1/sync/status"), 404, "NOT_FOUND");

        // The service's port still asks for an admin, whatever port the client claims to have reached.
        await Expect.ProblemAsync(await host.Client.GetAsync("/metrics"), 401, "UNAUTHENTICATED");
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        await Expect.ProblemAsync(await host.Client.SendAsync(spoofed), 401, "UNAUTHENTICATED");
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task RefusalsByALimitAndOpenLiveStreamsAreCounted(Stack stack)
    {
        var port = FreePort.Next();
        await using var host = await TallyTestHost.StartAsync(stack, $"--Tally:Metrics:Urls=http://127.0.0.1:{port}",
            "--Tally:Limits:Votes:PerVoter:TokenLimit=1", "--Tally:Limits:Votes:PerVoter:TokensPerPeriod=1",
            "--Tally:Limits:Votes:PerVoter:ReplenishmentPeriod=01:00:00",
            // A stream whose client is gone ends at its next write at the latest; keep writes frequent on a busy machine.
            "--Tally:Reads:LiveKeepAlive=00:00:01");
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var alice = host.Voter("alice");
        await Expect.StatusAsync(await alice.VoteAsync(id, 1), 201);
        await RateLimited.ExpectAsync(await alice.VoteAsync(id, 2));

        using var open = new CancellationTokenSource(Within);
        // A client of its own, so closing it closes the connection at once instead of draining an endless response.
        using (var listener = host.NewClient())
        using (var stream = await listener.GetAsync($"/v1/polls/{id}/live", HttpCompletionOption.ResponseHeadersRead, open.Token))
        {
            await Expect.StatusAsync(stream, 200);
            await Eventually.HoldsAsync(async () =>
            {
                var text = await scraper.GetStringAsync("/metrics");
                return SampleOf(text, "tally_server_rate_limit_rejections_total", "action=\"vote\"") == 1 && SampleOf(text, "tally_server_live_streams") == 1;
            }, Within, "one vote refused by its limit and one stream open");
        }
        await Eventually.HoldsAsync(async () => SampleOf(await scraper.GetStringAsync("/metrics"), "tally_server_live_streams") == 0,
            Within, "the closed stream is no longer counted");
    }

    /// <summary>The sum of a metric's samples (those carrying <paramref name="label"/> when given), or -1 when it has none.</summary>
    private static double SampleOf(string exposition, string metric, string? label = null)
    {
        var samples = exposition.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is ' ' or '{')
            .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 0 ? -1 : samples.Sum();
    }
}
