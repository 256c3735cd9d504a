using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Bench.Load;
using Tally.Bench.Protocol;

namespace Tally.Bench.Phases;

/// <summary>
/// Keeps a shadow rebuild running on a node for as long as a vote phase lasts: each projection in turn, the next one
/// started as soon as the last has swapped, so the phase measures votes/s with a rebuild always under way.
/// </summary>
public sealed class RebuildLoop(Uri baseAddress, string adminToken)
{
    private static readonly string[] Projections = ["results", "heatmap", "voter_status", "delta", "poll_catalog"];
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Rebuilds until <paramref name="ct"/> is cancelled; the figures of those that finished.</summary>
    public async Task<RebuildLoopResult> RunAsync(CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, baseAddress);
        var swapped = 0;
        var notSwapped = new List<string>();
        var rates = new List<double>();
        try
        {
            for (var i = 0; !ct.IsCancellationRequested; i++)
            {
                var name = Projections[i % Projections.Length];
                using (var start = await client.SendAsync(Requests.Create(HttpMethod.Post, $"/v1/admin/projections/{name}/rebuild", adminToken), ct))
                {
                    // The previous phase's last rebuild may still be finishing.
                    if ((int)start.StatusCode == 409)
                    {
                        await Task.Delay(StatusInterval, ct);
                        i--;
                        continue;
                    }
                    if ((int)start.StatusCode != 202)
                    {
                        throw new InvalidOperationException($"Starting a rebuild of {name} answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync(ct)}");
                    }
                }
                while (true)
                {
                    await Task.Delay(StatusInterval, ct);
                    using var listed = await client.SendAsync(Requests.Create(HttpMethod.Get, "/v1/admin/projections", adminToken), ct);
                    var body = (await listed.Content.ReadFromJsonAsync<JsonObject>(ct))!;
                    var rebuild = body["projections"]!.AsArray().Single(p => (string?)p!["name"] == name)!["rebuild"]!;
                    if (rebuild["finished_at"] is null)
                    {
                        continue;
                    }
                    if ((string?)rebuild["state"] == "swapped")
                    {
                        swapped++;
                        rates.Add((double)rebuild["events_per_second"]!);
                    }
                    else
                    {
                        notSwapped.Add($"{name}: {rebuild.ToJsonString()}");
                    }
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return new RebuildLoopResult(swapped, notSwapped, rates.Count == 0 ? null : rates.Average());
    }
}
