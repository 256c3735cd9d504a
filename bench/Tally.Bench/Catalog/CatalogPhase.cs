using System.Net;
using Tally.Bench.Load;
using Tally.Bench.Phases;

namespace Tally.Bench.Catalog;

/// <summary>Closed-loop GET /v1/polls of one kind; every 200 counts, whatever it lists.</summary>
public static class CatalogPhase
{
    public static async Task<PhaseResult> RunAsync(Uri baseAddress, CatalogQuery query, CatalogOptions options, CancellationToken ct)
    {
        var errors = new ErrorLog();
        var sent = new long[options.Clients];
        var window = LoadWindow.StartingNow(options.Warmup, options.Duration);
        var load = await ClosedLoop.RunAsync(baseAddress, options.Clients, window, async (client, worker, token) =>
        {
            // Workers take the paths in interleaved turns, so together they send each in order.
            var path = query.Paths[(int)((sent[worker]++ * options.Clients + worker) % query.Paths.Count)];
            try
            {
                using var response = await client.GetAsync(path, token);
                var body = await response.Content.ReadAsByteArrayAsync(token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Outcome.Success;
                }
                errors.Record($"HTTP {(int)response.StatusCode}", System.Text.Encoding.UTF8.GetString(body));
            }
            catch (HttpRequestException e)
            {
                errors.Record(nameof(HttpRequestException), e.Message);
            }
            catch (TaskCanceledException e) when (!token.IsCancellationRequested)
            {
                errors.Record("client timeout", e.Message);
            }
            return Outcome.Failure;
        }, ct);
        return new PhaseResult(load, errors);
    }
}
