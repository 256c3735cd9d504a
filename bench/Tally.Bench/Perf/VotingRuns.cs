using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Reporting;
using Tally.Bench.Tokens;

namespace Tally.Bench.Perf;

/// <summary>
/// The scenarios against one server that records votes (Tally or naive): each run on polls of its own, after a warm-up
/// on other polls, so every voter in a run is new to its poll.
/// </summary>
public sealed class VotingRuns(PerfOptions options, WrkRunner wrk, PollMaker polls, VoterTokens tokens, PerfReport report, TextWriter output)
{
    private const double QuietJitCores = 0.05;

    private static readonly TimeSpan JitStep = TimeSpan.FromSeconds(3);

    public async Task MeasureAsync(PerfServer server, CancellationToken ct)
    {
        using var metricsHandler = LoadClients.CreateHandler(1);
        using var metrics = server.Metrics is { } address ? LoadClients.Create(metricsHandler, address) : null;
        foreach (var scenario in options.Scenarios)
        {
            switch (scenario)
            {
                case "many-polls":
                    // The warm-up's voters are others than the run's: each voter casts its 20 votes in one go, and Tally's
                    // per-voter limit (20 at once) would refuse a voter who had just cast 20 more in the warm-up.
                    await ClosedAsync(server, metrics, scenario, options.Polls, options.PollVoters, options.PollVoters, 0, ct);
                    break;
                case "hot-poll":
                    await ClosedAsync(server, metrics, scenario, 1, 0, options.Voters, 0, ct);
                    break;
                case "mixed":
                    await ClosedAsync(server, metrics, scenario, 1, 0, options.Voters, options.ReadsPerVote, ct);
                    break;
                case "burst":
                    await BurstAsync(server, ct);
                    break;
            }
        }
        if (metrics is not null && report.Rows.FirstOrDefault(r => r.Server == server.Name && r.Scenario == "many-polls") is { } max)
        {
            var reads = report.Rows.FirstOrDefault(r => r.Server == server.Name && r.Scenario == "mixed")?.ReadsPerSecond;
            await HalfLoadAsync(server, max.VotesPerSecond / 2, reads / 2, ct);
        }
    }

    private async Task ClosedAsync(PerfServer server, HttpClient? metrics, string scenario, int pollCount, int warmupFirstVoter, int voters,
        int readsPerVote, CancellationToken ct)
    {
        var cpu = () => server.Child.ProcessorTime;
        if (options.Warmup > TimeSpan.Zero)
        {
            var warm = await LoadAsync(server, pollCount, warmupFirstVoter, voters, readsPerVote, $"{scenario}-warmup", ct);
            await wrk.RunAsync(server.Child.BaseAddress, warm, options.Connections, options.Warmup, cpu, ct);
            if (metrics is not null)
            {
                await SettleJitAsync(server, metrics, scenario, readsPerVote, ct);
            }
        }
        var load = await LoadAsync(server, pollCount, 0, voters, readsPerVote, scenario, ct);
        var before = metrics is null ? MetricsSnapshot.Empty : await MetricsSnapshot.ScrapeAsync(metrics, ct);
        var started = Stopwatch.GetTimestamp();
        var result = await wrk.RunAsync(server.Child.BaseAddress, load, options.Connections, options.Seconds, cpu, ct);
        var after = metrics is null ? MetricsSnapshot.Empty : await MetricsSnapshot.ScrapeAsync(metrics, ct);
        var share = readsPerVote > 0 ? 1.0 / (readsPerVote + 1) : 1.0;
        var row = new PerfRow(scenario, server.Name, result, share,
            metrics is null ? null : BatchFigures.Between(before, after, (long)(result.Successes * share), Stopwatch.GetElapsedTime(started)));
        report.Rows.Add(row);
        output.WriteLine(PerfReport.Describe(row));
    }

    /// <summary>
    /// Tiered compilation goes on recompiling hot code for tens of seconds after a server starts (measured: 6 s of JIT
    /// time in the first 25 s of a PostgreSQL + Redis server under votes, then under 0.02 cores), and a run measured
    /// meanwhile counts those cores against the server. So the warm-up goes on, in steps on polls of their own, until a
    /// step's JIT took under <see cref="QuietJitCores"/>, for at most <see cref="PerfOptions.JitSettle"/>. Each step votes
    /// once per voter on a poll of its own, with voters no measured run uses: many-polls' voters cast 20 votes at once,
    /// which their per-voter limit allows only to a voter who has not voted for 20 seconds.
    /// </summary>
    private async Task SettleJitAsync(PerfServer server, HttpClient metrics, string scenario, int readsPerVote, CancellationToken ct)
    {
        var firstVoter = 2 * options.PollVoters;
        if (options.JitSettle <= TimeSpan.Zero)
        {
            return;
        }
        if (firstVoter >= options.Voters)
        {
            output.WriteLine($"{server.Name} {scenario}: not warmed until the JIT was quiet: --voters leaves none beyond twice --poll-voters");
            return;
        }
        var settling = Stopwatch.StartNew();
        var step = 0;
        var jit = double.NaN;
        while (settling.Elapsed < options.JitSettle)
        {
            var warm = await LoadAsync(server, 1, firstVoter, options.Voters - firstVoter, readsPerVote, $"{scenario}-settle-{++step}", ct);
            var before = await MetricsSnapshot.ScrapeAsync(metrics, ct);
            var started = Stopwatch.GetTimestamp();
            await wrk.RunAsync(server.Child.BaseAddress, warm, options.Connections, JitStep, () => server.Child.ProcessorTime, ct);
            jit = BatchFigures.JitCoresBetween(before, await MetricsSnapshot.ScrapeAsync(metrics, ct), Stopwatch.GetElapsedTime(started));
            if (jit < QuietJitCores)
            {
                break;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{server.Name} {scenario}: warmed {settling.Elapsed.TotalSeconds:0} s more ({step} steps); the JIT took {jit:0.00} cores in the last, {(jit < QuietJitCores ? "quiet" : "still busy at the limit")}"));
    }

    private async Task<WrkLoad> LoadAsync(PerfServer server, int pollCount, int firstVoter, int voters, int readsPerVote, string runId, CancellationToken ct)
    {
        var created = await polls.CreateAsync(server.Child.BaseAddress, pollCount, ct);
        return new WrkLoad(
            [.. created.Select(p => Requests.VotesPath(p.Id))],
            [.. created.Select(PollMaker.Bodies)],
            firstVoter,
            voters,
            Requests.ResultsPath(created[0].Id),
            readsPerVote,
            runId);
    }

    /// <summary>A viral poll's first seconds: a new poll and many connections at once, its total read once a second.</summary>
    private async Task BurstAsync(PerfServer server, CancellationToken ct)
    {
        var load = await LoadAsync(server, 1, 0, options.Voters, 0, "burst", ct);
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, server.Child.BaseAddress);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var totals = SampleTotalsAsync(client, load.ReadPath!, stop.Token);
        var result = await wrk.RunAsync(server.Child.BaseAddress, load, options.BurstConnections, options.BurstSeconds, () => server.Child.ProcessorTime, ct);
        await stop.CancelAsync();
        var seen = await totals;
        var burst = new BurstResult(server.Name, result, [.. seen.Zip(seen.Skip(1), (a, b) => b - a)]);
        report.Bursts.Add(burst);
        output.WriteLine($"{server.Name} burst: {Millis.Rate(result.PerSecond)} req/s, p99 {result.P99Millis:0.00} ms, votes each second {string.Join(" ", burst.VotesEachSecond)}");
    }

    private static async Task<List<long>> SampleTotalsAsync(HttpClient client, string resultsPath, CancellationToken stop)
    {
        var totals = new List<long> { 0 };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var results = JsonSerializer.Deserialize(await client.GetStringAsync(resultsPath, stop), BenchJson.Default.PollResults);
                totals.Add(results?.TotalVotes ?? totals[^1]);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The burst is over.
        }
        return totals;
    }

    /// <summary>
    /// Votes at <paramref name="voteRate"/> (half many-polls' maximum), open loop over as many fresh polls, with the
    /// commit→visible lag sampled on a poll of its own; then results reads at half the mixed run's read rate.
    /// </summary>
    private async Task HalfLoadAsync(PerfServer server, double voteRate, double? readRate, CancellationToken ct)
    {
        var lead = TimeSpan.FromSeconds(2);
        var voting = await polls.CreateAsync(server.Child.BaseAddress, options.Polls, ct);
        var bodies = voting.Select(p => PollMaker.Bodies(p).Select(b => System.Text.Encoding.UTF8.GetBytes(b)).ToArray()).ToArray();
        var lagPoll = await polls.CreateAsync(server.Child.BaseAddress, ct);
        var lagSampler = new LagSampler(server.Child.BaseAddress,
            new VoteCaster(lagPoll.Id, new VoteBodies([.. lagPoll.Options.Select(o => o.Id)], BenchPoll.Regions), idempotencyKeys: true),
            new ResultsReader(lagPoll.Id), tokens.Rewound());
        using var stopLag = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lag = lagSampler.RunAsync(LoadWindow.StartingNow(lead, options.HalfLoadSeconds), stopLag.Token, ct);
        var votes = await OpenLoop.RunAsync(voteRate, lead, options.HalfLoadSeconds, async (client, i, token) =>
        {
            var poll = (int)(i % voting.Count);
            var content = new ByteArrayContent(bodies[poll][(int)(i / voting.Count % bodies[poll].Length)]);
            content.Headers.ContentType = new("application/json");
            // A new voter per vote: earlier scenarios spent some of each voter's allowance (Tally's per-voter limit).
            using var request = Requests.Create(HttpMethod.Post, Requests.VotesPath(voting[poll].Id), tokens.Reusable(i), content);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", $"half-{i.ToString(CultureInfo.InvariantCulture)}");
            return await SendAsync(client, request, HttpStatusCode.Created, token);
        }, server.Child.BaseAddress, ct);
        await stopLag.CancelAsync();
        var lagResult = await lag;

        OpenLoopResult? reads = null;
        if (readRate is { } rate)
        {
            var path = Requests.ResultsPath(voting[0].Id);
            reads = await OpenLoop.RunAsync(rate, lead, options.HalfLoadSeconds, async (client, _, token) =>
            {
                using var request = Requests.Create(HttpMethod.Get, path, null);
                return await SendAsync(client, request, HttpStatusCode.OK, token);
            }, server.Child.BaseAddress, ct);
        }
        var half = new HalfLoadResult(server.Name, votes, lagResult, reads);
        report.HalfLoads.Add(half);
        output.WriteLine(PerfReport.Describe(half));
    }

    private static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected, CancellationToken ct)
    {
        try
        {
            using var response = await client.SendAsync(request, ct);
            await response.Content.LoadIntoBufferAsync(ct);
            return response.StatusCode == expected ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.HttpRequestError.ToString();
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "client timeout";
        }
    }
}
