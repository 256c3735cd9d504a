using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Protocol;
using Tally.Bench.Restart;
using Tally.Ledger;

namespace Tally.Bench.Perf;

/// <summary>
/// Results p99 of one poll holding many votes, Tally against naive. Tally's ledger is seeded through its own handlers
/// (group commit, event log) before its node starts, so the node's views are built from the log as in production;
/// naive seeds its table by SQL.
/// </summary>
public sealed class SeededReads(PerfOptions options, PerfStack stack, WrkRunner wrk, PerfReport report, TextWriter output)
{
    // Few: naive's GROUP BY over a million rows takes seconds, and more connections would only measure its queue.
    private const int Connections = 4;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(5);

    public async Task MeasureTallyAsync(string name, string serverDll, CancellationToken ct)
    {
        var data = stack.Fresh("seeded");
        string? connectionString = null;
        var settings = new Dictionary<string, string?>();
        if (stack.IsPostgres)
        {
            connectionString = await stack.DatabaseAsync("seeded", ct);
            settings["Tally:Ledger:Postgres:ConnectionString"] = connectionString;
        }
        output.WriteLine($"seeding {options.SeedVotes:N0} votes into one poll of a Tally ledger…");
        var (pollIds, seedTime) = await LedgerSeeder.SeedAsync(data, stack.IsPostgres ? LedgerProvider.Postgres : LedgerProvider.Sqlite, settings,
            1, options.SeedVotes, 2_000, output, ct);
        var ledger = new SeededLedger(data, connectionString, pollIds[0].ToString(), options.SeedVotes, seedTime);
        await using var server = await stack.StartTallyAsync(name, serverDll, ct, ledger);
        await MeasureAsync(server, ledger.PollId, ledger.Votes, seedTime, ct);
    }

    public async Task MeasureNaiveAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var server = await stack.StartNaiveAsync(ct, NaiveSeed.Arguments(options.SeedVotes));
        var seedTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await MeasureAsync(server, NaiveSeed.PollId, options.SeedVotes, seedTime, ct);
    }

    private async Task MeasureAsync(PerfServer server, string pollId, long votes, TimeSpan seedTime, CancellationToken ct)
    {
        var path = Requests.ResultsPath(pollId);
        await WaitForTotalAsync(server.Child.BaseAddress, path, votes, ct);
        var cpu = () => server.Child.ProcessorTime;
        var warmup = TimeSpan.FromSeconds(Math.Min(5, options.Warmup.TotalSeconds));
        if (warmup > TimeSpan.Zero)
        {
            await wrk.RunAsync(server.Child.BaseAddress, WrkLoad.Reads(path, "seeded-warmup"), Connections, warmup, cpu, ct);
        }
        var reads = await wrk.RunAsync(server.Child.BaseAddress, WrkLoad.Reads(path, "seeded"), Connections, options.Seconds, cpu, ct);
        var result = new SeededResult(server.Name, votes, seedTime, reads);
        report.Seeded.Add(result);
        output.WriteLine($"{server.Name} results at {votes:N0} votes: {reads.PerSecond:N0} reads/s, p50/p99/max {reads.P50Millis:0.00} / {reads.P99Millis:0.00} / {reads.MaxMillis:0.00} ms, {reads.Errors} errors");
    }

    /// <summary>Until the poll's results show every seeded vote: Tally's views catch up from the log after the node starts.</summary>
    private static async Task WaitForTotalAsync(Uri server, string path, long votes, CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, server);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var deadline = DateTime.UtcNow + CatchUpTimeout;
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(path, ct);
            if (response.IsSuccessStatusCode
                && JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(ct), BenchJson.Default.PollResults) is { } results)
            {
                seen = results.TotalVotes;
                if (seen >= votes)
                {
                    return;
                }
            }
            await timer.WaitForNextTickAsync(ct);
        }
        throw new TimeoutException($"{path} showed {seen} of {votes} votes after {CatchUpTimeout.TotalMinutes:0} minutes.");
    }
}
