using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Reporting;
using Tally.Domain.Events;
using Tally.Views;
using Tally.Views.Fraud;
using Tally.Views.Progress;
using Tally.Views.Redis;

namespace Tally.Bench.Fraud;

/// <summary>
/// The fraud projection at one large poll: apply speed of its votes in daemon-sized batches, what the projection holds
/// (memory: managed heap after a full collection; Redis: used_memory), and the latency of the suspicious-clusters query
/// over every vote and over the last ten minutes.
/// </summary>
public static class FraudBench
{
    public const string Mode = "fraud";

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- fraud [options]

        Applies a synthetic log of one poll's votes (one in ten from a few bot addresses, the rest over many addresses and
        ~20 user agents) to the fraud projection in memory, and in Redis when given, and reports events/s, the projection's
        memory and the suspicious query's latency (no window, and 10m).

          --votes <n>          votes in the poll (default 1000000)
          --redis <config>     also measure the Redis projection on this Redis (keys under a fresh prefix, removed afterwards)
          --batch-size <n>     events per batch, as Tally:Sync:BatchSize (default 2000)
          --queries <n>        measured queries per window (default 25)
        """;

    private static readonly TimeSpan?[] Windows = [null, TimeSpan.FromMinutes(10)];

    public static FraudBenchOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new FraudBenchOptions(), (options, name, value) => name switch
        {
            "--votes" => options with { Votes = OptionReader.Positive(name, value) },
            "--redis" => options with { Redis = value },
            "--batch-size" => options with { BatchSize = OptionReader.Positive(name, value) },
            "--queries" => options with { Queries = OptionReader.Positive(name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        });

    public static async Task RunAsync(FraudBenchOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        ConsoleReport.Header(output, commandLine);
        var (poll, events, end) = FraudBenchLog.Create(options.Votes);
        await output.WriteLineAsync($"log: {options.Votes:N0} votes in one poll over {FraudBenchLog.Span}, batches of {options.BatchSize:N0}");
        var fraudOptions = Microsoft.Extensions.Options.Options.Create(new FraudOptions());

        var before = Settle();
        var memory = new MemoryFraudProjection(TimeProvider.System, fraudOptions);
        var applied = await ApplyAsync(memory, events, options.BatchSize, ct);
        var held = Settle() - before;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"memory  apply {applied.TotalSeconds:F2} s, {events.Length / applied.TotalSeconds:N0} events/s; heap held {held / 1048576.0:N1} MB ({held / (double)options.Votes:N0} bytes per vote)"));
        await QueryAsync(output, "memory", memory, poll.Id, end, options.Queries, ct);
        GC.KeepAlive(memory);

        if (options.Redis is { } configuration)
        {
            // INFO, for used_memory, needs admin mode.
            var connection = ConfigurationOptions.Parse(configuration);
            connection.AllowAdmin = true;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
            var prefix = $"bench-fraud-{Guid.NewGuid():N}";
            try
            {
                var store = new RedisViewStore(redis, Microsoft.Extensions.Options.Options.Create(new RedisViewsOptions { KeyPrefix = prefix }), new LeaderEpoch { Current = 1 });
                var projection = new RedisFraudProjection(store, TimeProvider.System, fraudOptions);
                await new RedisViewsStamp(store, [projection]).StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), ct);
                var usedBefore = await UsedMemoryAsync(redis);
                var redisApplied = await ApplyAsync(projection, events, options.BatchSize, ct);
                var used = await UsedMemoryAsync(redis) - usedBefore;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"redis   apply {redisApplied.TotalSeconds:F2} s, {events.Length / redisApplied.TotalSeconds:N0} events/s; used_memory +{used / 1048576.0:N1} MB ({used / (double)options.Votes:N0} bytes per vote)"));
                await QueryAsync(output, "redis", projection, poll.Id, end, options.Queries, ct);
            }
            finally
            {
                var store = new RedisViewStore(redis, Microsoft.Extensions.Options.Options.Create(new RedisViewsOptions { KeyPrefix = prefix }), new LeaderEpoch());
                foreach (var page in await store.Generations.FindAsync(store.Keys.Pattern, CancellationToken.None))
                {
                    await redis.GetDatabase().KeyDeleteAsync(page);
                }
            }
        }
    }

    private static async Task<TimeSpan> ApplyAsync(IProjection projection, StoredEvent[] events, int batchSize, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(batchSize))
        {
            await projection.ApplyAsync(batch, ct);
        }
        return watch.Elapsed;
    }

    private static async Task QueryAsync(TextWriter output, string store, IFraudView view, Guid pollId, DateTimeOffset now, int queries, CancellationToken ct)
    {
        foreach (var window in Windows)
        {
            var query = new SuspiciousQuery(window, MinVotes: 10, Limit: 20, now);
            // Unmeasured: the first answers pay for JIT compilation.
            var report = await view.FindAsync(pollId, query, ct);
            await view.FindAsync(pollId, query, ct);
            var latency = new LongHistogram(1, 600_000_000, 3);
            // Wall time on a shared machine waits for other processes; the process's CPU time per query does not.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < queries; i++)
            {
                var started = Stopwatch.GetTimestamp();
                report = await view.FindAsync(pollId, query, ct);
                latency.RecordValue(Histograms.ElapsedMicros(started, Stopwatch.GetTimestamp()));
            }
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var top = string.Join(", ", report!.Clusters.Take(3).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Kind} {c.Key} {c.Votes:N0} votes ×{c.Score:F1}")));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{store,-7} query window {(window is { } w ? w.ToString() : "none"),-8}: p50 {latency.GetValueAtPercentile(50) / 1000.0,8:F1} ms  p99 {latency.GetValueAtPercentile(99) / 1000.0,8:F1} ms  over {queries} queries, cpu {cpu.TotalMilliseconds / queries,7:F1} ms each; {report.VotesConsidered:N0} votes considered, {report.Clusters.Count} clusters; top: {top}"));
        }
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<long> UsedMemoryAsync(IConnectionMultiplexer redis)
    {
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }
}
