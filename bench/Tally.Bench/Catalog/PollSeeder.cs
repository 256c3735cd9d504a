using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Protocol;
using Tally.Bench.Tokens;

namespace Tally.Bench.Catalog;

/// <summary>Creates the polls through POST /v1/polls from many clients at once, each client an owner of its own.</summary>
public static class PollSeeder
{
    public static async Task<SeedResult> RunAsync(Uri baseAddress, IReadOnlyList<string> titles, int clients, byte[] issuerKey, CancellationToken ct)
    {
        var minter = new TokenMinter(issuerKey);
        var owners = Enumerable.Range(0, clients).Select(i => minter.Mint($"catalog-owner-{i}")).ToArray();
        var errors = new ErrorLog();
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        // A window far longer than seeding can take; the phase ends when the titles run out.
        var window = LoadWindow.StartingNow(TimeSpan.Zero, TimeSpan.FromHours(1));
        var load = await ClosedLoop.RunAsync(baseAddress, clients, window, async (client, worker, token) =>
        {
            var index = Interlocked.Increment(ref next);
            if (index >= titles.Count)
            {
                return Outcome.Exhausted;
            }
            return await CreateAsync(client, owners[worker], titles[index], errors, token) ? Outcome.Success : Outcome.Failure;
        }, ct);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (load.Failures > 0)
        {
            // Every missing poll would leave the catalogue short of what the later phases wait for.
            using var detail = new StringWriter();
            errors.Print(detail);
            throw new InvalidOperationException($"{load.Failures} of {titles.Count} polls were not created:\n{detail}");
        }
        return new SeedResult(titles.Count, elapsed, load.LatencyMicros);
    }

    private static async Task<bool> CreateAsync(HttpClient client, string owner, string title, ErrorLog errors, CancellationToken ct)
    {
        var request = new CreatePollRequest(title, [new("Yes"), new("No")], [], new PollSettingsBody("live", AllowVoteChange: false));
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, BenchJson.Default.CreatePollRequest));
        content.Headers.ContentType = new("application/json");
        using var message = Requests.Create(HttpMethod.Post, "/v1/polls", owner, content);
        try
        {
            using var response = await client.SendAsync(message, ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return true;
            }
            errors.Record($"HTTP {(int)response.StatusCode}", await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            errors.Record(nameof(HttpRequestException), e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            errors.Record("client timeout", e.Message);
        }
        return false;
    }
}
