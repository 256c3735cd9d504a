using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Tally.Bench.Hosting;
using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Reporting;
using Tally.Bench.Tokens;

namespace Tally.Bench.Live;

/// <summary>
/// What a crowd of live viewers costs: for each viewer count a fresh server, that many open live streams on one poll,
/// votes at a fixed rate, then the visibility lag (a vote's 201 to each viewer's first results at or past its sequence),
/// events and bytes per type, and the server's CPU and memory.
/// </summary>
public static class LiveBench
{
    public const string Mode = "live";

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- live [options]

        For each viewer count in turn: starts Tally.Server (fresh data), creates a poll with regions, opens that many
        GET /v1/polls/{id}/live streams, votes at a fixed rate from distinct voters, and reports events and data bytes per
        type, the visibility lag (a vote's 201 to each viewer's first results at or past its sequence: p50/p99/max over all
        votes and viewers), the server's CPU (per delivered event) and RSS, and the bench's own CPU.

          --viewers <n,n,...>      viewer counts, one server each (default 1,100,1000)
          --rate <n>               votes per second (default 200)
          --seconds <s>            seconds of voting (default 20)
          --warmup <s>             unmeasured seconds of voting first, with the viewers open (default 30; 0 for none)
          --drain <s>              longest wait after the last vote for every viewer to see it (default 10)
          --startup-timeout <s>    how long a server may take to answer /health (default 60)
          --server-dll <path>      Tally.Server.dll to start (default src/Tally.Server/bin/Release/net10.0/Tally.Server.dll)
          --postgres <connstr>     PostgreSQL ledger instead of SQLite (Npgsql connection string)
          --redis <host:port>      Redis views instead of memory (a fresh key prefix per server)
          --server-setting <NAME=VALUE>  configuration for the launched servers, as an environment variable (repeatable)
        """;

    public static LiveOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new LiveOptions(), (options, name, value) => name switch
        {
            "--viewers" => options with { Viewers = [.. value.Split(',').Select(n => OptionReader.Positive(name, n))] },
            "--rate" => options with { Rate = OptionReader.Positive(name, value) },
            "--seconds" => options with { Duration = OptionReader.Seconds(name, value) },
            "--warmup" => options with { Warmup = OptionReader.Seconds(name, value, allowZero: true) },
            "--drain" => options with { Drain = OptionReader.Seconds(name, value) },
            "--startup-timeout" => options with { StartupTimeout = OptionReader.Seconds(name, value) },
            "--server-dll" => options with { ServerDll = value },
            "--postgres" => options with { ServerSettings = OptionReader.With(OptionReader.With(options.ServerSettings, name, "Tally__Ledger__Provider=postgres"), name, "Tally__Ledger__Postgres__ConnectionString=" + value) },
            "--redis" => options with { ServerSettings = OptionReader.With(OptionReader.With(options.ServerSettings, name, "Tally__Views__Provider=redis"), name, "Tally__Views__Redis__ConnectionString=" + value) },
            "--server-setting" => options with { ServerSettings = OptionReader.With(options.ServerSettings, name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        });

    public static async Task RunAsync(LiveOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        ConsoleReport.Header(output, commandLine);
        var serverDll = TallyLauncher.Locate(options.ServerDll);
        var key = RandomNumberGenerator.GetBytes(32);
        var tokens = VoterTokens.Mint(key, (int)(options.Rate * (options.Warmup + options.Duration).TotalSeconds) + 1);
        var ownerToken = new TokenMinter(key).Mint("bench-owner");
        output.WriteLine($"minted {Millis.Count(tokens.Count)} voter tokens in {tokens.MintTime.TotalSeconds:0.0} s; {options.Rate} votes/s for {options.Warmup.TotalSeconds:0} s unmeasured, then {options.Duration.TotalSeconds:0} s, per viewer count");
        var runs = new List<LiveRun>();
        foreach (var viewers in options.Viewers)
        {
            var run = await MeasureAsync(options, serverDll, key, tokens.Rewound(), ownerToken, viewers, ct);
            Print(output, run);
            runs.Add(run);
        }
        output.WriteLine();
        output.WriteLine(Table(runs));
    }

    private static async Task<LiveRun> MeasureAsync(
        LiveOptions options, string serverDll, byte[] key, VoterTokens tokens, string ownerToken, int viewerCount, CancellationToken ct)
    {
        using var scratch = new ScratchDirectory();
        var settings = new Dictionary<string, string>
        {
            // The default cap (100 streams per address) would refuse a crowd that all comes from loopback.
            ["Tally__Limits__Live__PerIp"] = (viewerCount + 1).ToString(CultureInfo.InvariantCulture),
            ["Tally__Views__Redis__KeyPrefix"] = $"{{bench-live-{Guid.NewGuid():N}}}",
        };
        foreach (var (name, value) in options.ServerSettings)
        {
            settings[name] = value;
        }
        await using var server = TallyLauncher.Start(serverDll, Path.Combine(scratch.Path, "tally-data"), Convert.ToBase64String(key), settings);
        try
        {
            await server.WaitUntilReadyAsync(options.StartupTimeout, ct);
            using var voteHandler = LoadClients.CreateHandler(256);
            using var voteClient = LoadClients.Create(voteHandler, server.BaseAddress);
            var poll = await PollSetup.CreateAsync(voteClient, ownerToken, ct);
            var path = $"/v1/polls/{poll.Id}/live";

            var rssBefore = server.WorkingSet;
            using var viewerHandler = LoadClients.CreateHandler(viewerCount);
            using var viewerClient = LoadClients.Create(viewerHandler, server.BaseAddress);
            viewerClient.Timeout = Timeout.InfiniteTimeSpan;
            using var closing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var viewers = Enumerable.Range(0, viewerCount).Select(_ => new LiveViewer()).ToList();
            var connectStarted = Stopwatch.GetTimestamp();
            var streams = viewers.Select((viewer, i) => viewer.RunAsync(viewerClient, path, tokens.Reusable(i), closing.Token)).ToList();
            await Task.WhenAll(viewers.Select(v => v.Opened)).WaitAsync(options.StartupTimeout, ct);
            var connect = Stopwatch.GetElapsedTime(connectStarted);
            var rssConnected = server.WorkingSet;
            var caster = new VoteCaster(poll.Id, new VoteBodies([.. poll.Options.Select(o => o.Id)], BenchPoll.Regions), idempotencyKeys: true);
            if (options.Warmup > TimeSpan.Zero)
            {
                await LiveVotes.CastAsync(voteClient, caster, tokens, options.Rate, options.Warmup, ct);
                await DrainAsync(viewers, caster.MaxSequence, options.Drain, ct);
            }
            var warmupVotes = caster.Durable;
            var warmupErrors = caster.Errors.Total;

            var before = Snapshot(viewers);
            var serverCpu = server.ProcessorTime;
            var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var windowStarted = Stopwatch.GetTimestamp();
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var rssPeak = SamplePeakAsync(server, sampling.Token);
            var votes = await LiveVotes.CastAsync(voteClient, caster, tokens, options.Rate, options.Duration, ct);
            await DrainAsync(viewers, caster.MaxSequence, options.Drain, ct);
            var window = Stopwatch.GetElapsedTime(windowStarted);
            serverCpu = server.ProcessorTime - serverCpu;
            benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
            var after = Snapshot(viewers);
            await sampling.CancelAsync();
            var peak = await rssPeak;

            await closing.CancelAsync();
            await Task.WhenAll(streams);
            caster.Errors.Print(Console.Out);
            var (lag, early, missed) = VisibilityLag.Measure(votes.Acknowledged, viewers);
            var results = viewers.Select(v => v.Events(LiveEvent.Results)).ToList();
            return new LiveRun(
                viewerCount, connect, rssBefore, rssConnected, Math.Max(peak, rssConnected), caster.Durable - warmupVotes, caster.Errors.Total - warmupErrors, votes.Latency,
                window, serverCpu, benchCpu,
                [.. after.Events.Zip(before.Events, (a, b) => a - b)], [.. after.Bytes.Zip(before.Bytes, (a, b) => a - b)],
                results.Min(), results.Max(), lag, early, missed,
                viewers.Count(v => v.LastSequence < caster.MaxSequence), viewers.Count(v => v.Fault is not null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(server.DescribeOutput());
            throw;
        }
    }

    /// <summary>Waits until every viewer has seen the last vote's sequence, or the drain time is up.</summary>
    private static async Task DrainAsync(IReadOnlyList<LiveViewer> viewers, long lastSequence, TimeSpan drain, CancellationToken ct)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var start = Stopwatch.GetTimestamp();
        while (viewers.Any(v => v.LastSequence < lastSequence && v.Fault is null) && Stopwatch.GetElapsedTime(start) < drain)
        {
            await tick.WaitForNextTickAsync(ct);
        }
    }

    private static async Task<long> SamplePeakAsync(ChildServer server, CancellationToken ct)
    {
        var peak = server.WorkingSet;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await tick.WaitForNextTickAsync(ct))
            {
                peak = Math.Max(peak, server.WorkingSet);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return peak;
    }

    private static (long[] Events, long[] Bytes) Snapshot(IReadOnlyList<LiveViewer> viewers) =>
        ([.. Enum.GetValues<LiveEvent>().Select(t => viewers.Sum(v => v.Events(t)))],
         [.. Enum.GetValues<LiveEvent>().Select(t => viewers.Sum(v => v.Bytes(t)))]);

    private static void Print(TextWriter output, LiveRun run)
    {
        var types = Enum.GetValues<LiveEvent>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"viewers {run.Viewers}: connected in {run.Connect.TotalSeconds:0.00} s; {run.Votes} votes acknowledged ({run.VoteErrors} errors), vote p50/p99 {Millis.Percentiles(run.VoteLatency, 50, 99)} ms; window {run.Window.TotalSeconds:0.00} s"));
        output.WriteLine("  per viewer: " + string.Join(", ", types.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.ToString().ToLowerInvariant()} {run.Events[(int)t] / (double)run.Viewers:0.0} events × {Bytes(run, t):0} B"))) + $" (results per viewer min {run.MinResults}, max {run.MaxResults}, counting the first round)");
        output.WriteLine($"  visibility lag p50/p99/max {Millis.Percentiles(run.Lag, 50, 99)} / {Millis.Max(run.Lag)} ms over {Millis.Count(run.Lag.TotalCount)} vote × viewer pairs; {run.Early} seen before the 201, {run.Missed} never seen; {run.Behind} viewers short of the last sequence, {run.Faults} streams failed");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server CPU {run.ServerCpu.TotalSeconds:0.00} s ({CpuMsPerEvent(run):0.000} ms per delivered event), RSS {Mb(run.RssBefore):0} MB before the viewers, {Mb(run.RssConnected):0} MB with them, peak {Mb(run.RssPeak):0} MB; bench CPU {run.BenchCpu.TotalSeconds:0.00} s"));
    }

    private static string Table(IReadOnlyList<LiveRun> runs)
    {
        var lines = new List<string>
        {
            "| viewers | votes acked | vote p50 / p99 (ms) | results / heatmap / delta per viewer | bytes per results / heatmap / delta | lag p50 / p99 / max (ms) | missed / behind | server CPU (s) | server cores busy | CPU ms per event | extra CPU per extra round vs row 1 (µs) | RSS before → with viewers → peak (MB) | bench CPU (s) |",
            "|---:|---:|---|---|---|---|---|---:|---:|---:|---:|---|---:|",
        };
        foreach (var run in runs)
        {
            var perViewer = string.Join(" / ", Enum.GetValues<LiveEvent>().Select(t => (run.Events[(int)t] / (double)run.Viewers).ToString("0.0", CultureInfo.InvariantCulture)));
            var bytes = string.Join(" / ", Enum.GetValues<LiveEvent>().Select(t => Bytes(run, t).ToString("0", CultureInfo.InvariantCulture)));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Viewers:N0} | {run.Votes:N0} | {Millis.Percentiles(run.VoteLatency, 50, 99)} | {perViewer} | {bytes} | {Millis.Percentiles(run.Lag, 50, 99)} / {Millis.Max(run.Lag)} | {run.Missed} / {run.Behind} | {run.ServerCpu.TotalSeconds:0.00} | {run.ServerCpu / run.Window:0.00} | {CpuMsPerEvent(run):0.000} | {ExtraMicrosPerRound(runs[0], run)} | {Mb(run.RssBefore):0} → {Mb(run.RssConnected):0} → {Mb(run.RssPeak):0} | {run.BenchCpu.TotalSeconds:0.00} |"));
        }
        return string.Join('\n', lines);
    }

    private static double Bytes(LiveRun run, LiveEvent type) =>
        run.Events[(int)type] == 0 ? 0 : run.Bytes[(int)type] / (double)run.Events[(int)type];

    private static double CpuMsPerEvent(LiveRun run) => run.AllEvents == 0 ? 0 : run.ServerCpu.TotalMilliseconds / run.AllEvents;

    // A round is one results + heatmap + delta; against the fewest viewers, what the others add beyond voting itself.
    private static string ExtraMicrosPerRound(LiveRun first, LiveRun run)
    {
        var rounds = run.Events[(int)LiveEvent.Results] - first.Events[(int)LiveEvent.Results];
        return rounds <= 0 ? "—" : ((run.ServerCpu - first.ServerCpu).TotalMicroseconds / rounds).ToString("0", CultureInfo.InvariantCulture);
    }

    private static double Mb(long bytes) => bytes / 1048576.0;
}
