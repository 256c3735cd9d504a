using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Tally.Bench.Hosting;
using Tally.Bench.Reporting;

namespace Tally.Bench.Restart;

/// <summary>
/// How fast an embedded node is ready after a restart: the whole log replayed into memory views, against a snapshot
/// loaded and only the tail replayed, on the same ledger in one run.
/// </summary>
public static class RestartBench
{
    public const string Mode = "restart";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(RestartOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        var machine = ConsoleReport.Header(output, commandLine);
        var serverDll = TallyLauncher.Locate(options.ServerDll);
        using var scratch = new ScratchDirectory();
        var dataPath = options.DataPath ?? Path.Combine(scratch.Path, "tally-data");
        if (options.DataPath is null)
        {
            output.WriteLine($"seeding {options.Votes:N0} votes over {options.Polls} polls …");
            var seeding = await LedgerSeeder.SeedAsync(dataPath, options.Polls, options.Votes, options.SeedConcurrency, output, ct);
            output.WriteLine($"seeded in {seeding.TotalSeconds:N1} s ({options.Votes / seeding.TotalSeconds:N0} votes/s)");
        }
        var snapshots = Path.Combine(dataPath, "snapshots");
        if (Directory.Exists(snapshots))
        {
            Directory.Delete(snapshots, recursive: true);
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var cold = await StartAsync("no snapshot (whole log replayed)", serverDll, dataPath, key, options, ct);
        var warm = await StartAsync("snapshot loaded", serverDll, dataPath, key, options, ct);

        output.WriteLine();
        output.WriteLine($"## Restart of an embedded node on {options.Votes:N0} votes ({machine})");
        output.WriteLine();
        output.WriteLine($"`{commandLine}`");
        output.WriteLine();
        output.WriteLine("| start | ready after (s) | replay (events/s, process start included) | resident memory (MB) | bytes per live vote (RSS) | stop with SIGTERM (s) |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var start in new[] { cold, warm })
        {
            output.WriteLine($"| {start.Label} | {start.Ready.TotalSeconds:N2} | {start.Head / start.Ready.TotalSeconds:N0} | {start.WorkingSet / 1e6:N0} | {(double)start.WorkingSet / options.Votes:N0} | {start.Stop.TotalSeconds:N2} |");
        }
        output.WriteLine();
        output.WriteLine($"ready with a snapshot ÷ without: {warm.Ready.TotalSeconds / cold.Ready.TotalSeconds:N3}");
    }

    private static async Task<StartFigures> StartAsync(string label, string serverDll, string dataPath, string key, RestartOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var server = TallyLauncher.Start(serverDll, dataPath, key, new Dictionary<string, string>
        {
            ["Tally__Health__ReadyMaxEventsBehind"] = "0",
        });
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);
        await WaitReadyAsync(server, options.ReadyTimeout, ct);
        var ready = Stopwatch.GetElapsedTime(started);
        var head = await HeadAsync(server, ct);
        // Let the collector settle what the replay left behind before reading resident memory.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var workingSet = server.WorkingSet;
        Console.Out.WriteLine($"{label}: ready after {ready.TotalSeconds:N2} s at sequence {head:N0}, {workingSet / 1e6:N0} MB resident");
        var stopping = Stopwatch.GetTimestamp();
        await server.StopGracefullyAsync(StopTimeout, ct);
        return new StartFigures(label, ready, head, workingSet, Stopwatch.GetElapsedTime(stopping));
    }

    private static async Task WaitReadyAsync(ChildServer server, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var response = await http.GetAsync("/health/ready", ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(20, ct);
        }
        throw new TimeoutException($"The server was not ready within {timeout}.\n{server.DescribeOutput()}");
    }

    private static async Task<long> HeadAsync(ChildServer server, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var status = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/v1/sync/status", ct);
        return (long)status!["applied_sequence"]!;
    }
}
