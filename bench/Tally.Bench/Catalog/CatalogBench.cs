using System.Diagnostics;
using System.Security.Cryptography;
using Tally.Bench.Hosting;
using Tally.Bench.Load;
using Tally.Bench.Phases;
using Tally.Bench.Reporting;

namespace Tally.Bench.Catalog;

/// <summary>
/// The catalogue benchmark: the server under test, on memory views, creates the polls through HTTP and is measured;
/// every further run (the old build, Redis views) restarts on the same ledger, rebuilds its views from the log, and is
/// measured on exactly the same polls and requests.
/// </summary>
public sealed class CatalogBench
{
    public const string Mode = "catalog";

    /// <summary>Answers read in full per query kind, to compare runs and count matches.</summary>
    private const int SampledAnswers = 25;

    private readonly CatalogOptions _options;
    private readonly IReadOnlyList<CatalogQuery> _queries;
    private readonly byte[] _issuerKey = RandomNumberGenerator.GetBytes(32);
    private readonly string _dataPath;
    private readonly RedisFootprint? _redis;
    private readonly TextWriter _output = Console.Out;

    private CatalogBench(CatalogOptions options, IReadOnlyList<CatalogQuery> queries, string dataPath, RedisFootprint? redis)
    {
        _options = options;
        _queries = queries;
        _dataPath = dataPath;
        _redis = redis;
    }

    public static async Task RunAsync(CatalogOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        var startedAt = DateTimeOffset.UtcNow;
        var machine = ConsoleReport.Header(output, commandLine);
        var serverDll = TallyLauncher.Locate(options.ServerDll);
        var oldServerDll = options.OldServerDll is { } old ? TallyLauncher.Locate(old) : null;

        var vocabulary = new TitleVocabulary(2_000, seed: 1);
        var random = new Random(2);
        var titles = Enumerable.Range(0, options.Polls).Select(_ => vocabulary.Title(random)).ToArray();
        using var scratch = new ScratchDirectory();
        await using var redis = options.Redis is { } configuration ? await RedisFootprint.ConnectAsync(configuration) : null;
        var bench = new CatalogBench(options, CatalogQuery.All(vocabulary, seed: 3), Path.Combine(scratch.Path, "tally-data"), redis);

        List<CatalogServerRun> runs = [await bench.MeasureAsync("new", serverDll, onRedis: false, titles, ct)];
        if (oldServerDll is not null)
        {
            runs.Add(await bench.MeasureAsync("old", oldServerDll, onRedis: false, seedTitles: null, ct));
        }
        if (redis is not null)
        {
            if (oldServerDll is not null)
            {
                runs.Add(await bench.MeasureAsync("old", oldServerDll, onRedis: true, seedTitles: null, ct));
            }
            runs.Add(await bench.MeasureAsync("new", serverDll, onRedis: true, seedTitles: null, ct));
        }
        output.WriteLine();
        output.WriteLine(CatalogReport.Render(options, commandLine, machine, startedAt, bench._queries, runs));
    }

    private async Task<CatalogServerRun> MeasureAsync(string build, string serverDll, bool onRedis, IReadOnlyList<string>? seedTitles, CancellationToken ct)
    {
        var views = onRedis ? "redis" : "memory";
        var name = $"{views}, {build}";
        var keyPrefix = $"bench-catalog-{Guid.NewGuid():N}";
        var settings = onRedis
            ? new Dictionary<string, string>
            {
                ["Tally__Views__Provider"] = "redis",
                ["Tally__Views__Redis__ConnectionString"] = _options.Redis!,
                ["Tally__Views__Redis__KeyPrefix"] = keyPrefix,
                ["Tally__Limits__Enabled"] = "false",
            }
            // Seeding 100,000 polls from one address is exactly what the poll-creation limits refuse.
            : new Dictionary<string, string> { ["Tally__Views__Provider"] = "memory", ["Tally__Limits__Enabled"] = "false" };
        var redisBefore = onRedis ? await _redis!.UsedMemoryAsync() : 0;
        var launched = Stopwatch.GetTimestamp();
        var server = TallyLauncher.Start(serverDll, _dataPath, Convert.ToBase64String(_issuerKey), settings);
        try
        {
            await server.WaitUntilReadyAsync(_options.StartupTimeout, ct);
            using var handler = LoadClients.CreateHandler(1);
            using var client = LoadClients.Create(handler, server.BaseAddress);
            SeedResult? seed = null;
            TimeSpan? ready = null;
            if (seedTitles is not null)
            {
                seed = await PollSeeder.RunAsync(server.BaseAddress, seedTitles, _options.SeedClients, _issuerKey, ct);
                _output.WriteLine($"{name}: created {Millis.Count(seed.Polls)} polls in {seed.Elapsed.TotalSeconds:0.0} s ({Millis.Rate(seed.PerSecond)} polls/s, latency ms p50/p99 {Millis.Percentiles(seed.LatencyMicros, 50, 99)})");
            }
            else
            {
                await CatalogReads.WaitForAllAsync(client, _options.Polls, _options.CatchUpTimeout, ct);
                ready = Stopwatch.GetElapsedTime(launched);
                _output.WriteLine($"{name}: lists all {Millis.Count(_options.Polls)} polls {ready.Value.TotalSeconds:0.0} s after launch (views rebuilt from the log)");
            }
            long? redisBytes = onRedis ? await _redis!.UsedMemoryAsync() - redisBefore : null;
            var answers = await CatalogReads.SampleAsync(client, _queries, SampledAnswers, ct);
            var phases = new Dictionary<string, PhaseResult>();
            foreach (var query in _queries)
            {
                phases[query.Name] = await CatalogPhase.RunAsync(server.BaseAddress, query, _options, ct);
                ConsoleReport.Load(_output, $"{name}: {query.Name}", phases[query.Name]);
            }
            if (server.OutputLineCount > 0)
            {
                _output.WriteLine($"{name}: Tally.Server logged {server.OutputLineCount} lines at Warning or above:");
                _output.WriteLine(server.DescribeOutput());
            }
            return new CatalogServerRun(build, views, seed, ready, redisBytes, answers, phases);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(server.DescribeOutput());
            throw;
        }
        finally
        {
            await server.DisposeAsync();
            if (onRedis)
            {
                await _redis!.DeleteAsync(keyPrefix);
            }
        }
    }
}
