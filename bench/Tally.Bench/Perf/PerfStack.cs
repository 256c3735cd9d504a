using System.Globalization;
using Tally.Bench.Baseline;
using Tally.Bench.Hosting;
using Tally.Bench.Tokens;

namespace Tally.Bench.Perf;

/// <summary>
/// Launches the servers of one stack, each on fresh data of its own: on the embedded stack a fresh folder (SQLite), on
/// postgres-redis a fresh database on the given PostgreSQL and a key prefix of its own on the given Redis.
/// </summary>
public sealed class PerfStack(PerfOptions options, string scratchDirectory, string keyBase64)
{
    private int _launched;

    public bool IsPostgres => options.Stack == PerfOptions.PostgresRedis;

    public async Task<PerfServer> StartHelloAsync(bool plainJwtBearer, CancellationToken ct)
    {
        var child = BaselineLauncher.Start(Fresh("hello"), keyBase64, plainJwtBearer);
        return await ReadyAsync(new PerfServer(plainJwtBearer ? "plain JwtBearer hello" : "Tally-auth hello", child, null), ct);
    }

    /// <summary>A Tally node on fresh data, or on <paramref name="ledger"/> already seeded (its folder, or its connection string).</summary>
    public async Task<PerfServer> StartTallyAsync(string name, string serverDll, CancellationToken ct, SeededLedger? ledger = null)
    {
        var metricsPort = FreePort.Pick();
        var data = ledger?.DataPath ?? Fresh("tally");
        var settings = new Dictionary<string, string>
        {
            ["Tally__Metrics__Urls"] = $"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}",
        };
        if (IsPostgres)
        {
            settings["Tally__Ledger__Provider"] = "postgres";
            settings["Tally__Ledger__Postgres__ConnectionString"] = ledger?.ConnectionString ?? await DatabaseAsync("tally", ct);
            settings["Tally__Views__Provider"] = "redis";
            settings["Tally__Views__Redis__ConnectionString"] = options.Redis!;
            settings["Tally__Views__Redis__KeyPrefix"] = $"perf-{Environment.ProcessId}-{Interlocked.Increment(ref _launched)}";
        }
        var child = TallyLauncher.Start(serverDll, data, keyBase64, settings);
        return await ReadyAsync(new PerfServer(name, child, new Uri($"http://127.0.0.1:{metricsPort}")), ct);
    }

    /// <summary>H-NAIVE's server from this same binary, on the stack's database.</summary>
    public async Task<PerfServer> StartNaiveAsync(CancellationToken ct, params string[] extraArgs)
    {
        var port = FreePort.Pick();
        var folder = Fresh("naive");
        List<string> args =
        [
            typeof(PerfStack).Assembly.Location, "naive-server", "--urls", $"http://127.0.0.1:{port}",
            "--issuer", BenchIssuer.Issuer, "--audience", BenchIssuer.Audience, "--issuer-key", keyBase64,
        ];
        args.AddRange(IsPostgres ? ["--postgres", await DatabaseAsync("naive", ct)] : ["--sqlite", Path.Combine(folder, "naive.db")]);
        args.AddRange(extraArgs);
        var child = ChildServer.Start("naive", args, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" }, folder, port);
        return await ReadyAsync(new PerfServer("naive", child, null), ct);
    }

    public string Fresh(string what) =>
        Directory.CreateDirectory(Path.Combine(scratchDirectory, $"{what}-{Interlocked.Increment(ref _launched)}")).FullName;

    public Task<string> DatabaseAsync(string what, CancellationToken ct) =>
        PostgresDatabases.CreateAsync(options.Postgres!, $"perf_{what}_{Interlocked.Increment(ref _launched)}", ct);

    private async Task<PerfServer> ReadyAsync(PerfServer server, CancellationToken ct)
    {
        try
        {
            await server.Child.WaitUntilReadyAsync(options.StartupTimeout, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
