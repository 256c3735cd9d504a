using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Tally.Bench.Options;
using Tally.Bench.Reporting;
using Tally.Domain.Events;
using Tally.Views;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Bench.Replay;

/// <summary>
/// Replay speed into the five Redis projections with no live load, as at a start or a shadow rebuild on an idle
/// service: a synthetic log fed in daemon-sized batches, the projections one after another (as the daemon feeds them)
/// and all five at once, each run under a fresh key prefix. Counts are checked afterwards.
/// </summary>
public static class RedisReplayBench
{
    public const string Mode = "redis-replay";

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Tally.Bench -- redis-replay --redis <configuration> [options]

        Replays a synthetic log (votes spread over polls, options and regions, one in twenty changed) into the five Redis
        projections and reports events/s, feeding each batch to the projections in turn and to all five at once.

          --redis <configuration>   the Redis to replay into (keys under a fresh prefix, removed afterwards); required
          --votes <n>               votes in the log (default 200000)
          --polls <n>               polls they are spread over (default 20)
          --batch-size <n>          events per batch, as Tally:Sync:BatchSize (default 2000)
          --rounds <n>              runs of each way of feeding (default 3)
        """;

    public static RedisReplayOptions? Parse(IReadOnlyList<string> args, TextWriter error) =>
        OptionReader.Read(args, error, Usage, new RedisReplayOptions(), (options, name, value) => name switch
        {
            "--redis" => options with { Redis = value },
            "--votes" => options with { Votes = OptionReader.Positive(name, value) },
            "--polls" => options with { Polls = OptionReader.Positive(name, value) },
            "--batch-size" => options with { BatchSize = OptionReader.Positive(name, value) },
            "--rounds" => options with { Rounds = OptionReader.Positive(name, value) },
            _ => throw new FormatException($"Unknown option {name}."),
        }, options =>
        {
            if (options.Redis.Length == 0)
            {
                throw new FormatException("--redis is required: the Redis to replay into.");
            }
        });

    public static async Task RunAsync(RedisReplayOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        ConsoleReport.Header(output, commandLine);
        var events = RedisReplayLog.Create(options.Polls, options.Votes);
        var liveVotes = events.Sum(e => e.Event switch { VoteCast => 1, VoteRetracted => -1, _ => 0 });
        await output.WriteLineAsync($"log: {events.Count:N0} events ({options.Votes:N0} votes over {options.Polls} polls), batches of {options.BatchSize:N0}");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
        // Unmeasured: the first replay pays for JIT compilation and script loading.
        await ReplayAsync(redis, events.Take(Math.Min(events.Count, 20 * options.BatchSize)).ToArray(), options.BatchSize, concurrent: false, liveVotes: null, ct);
        foreach (var concurrent in new[] { false, true })
        {
            var rates = new List<double>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var (elapsed, byProjection) = await ReplayAsync(redis, events, options.BatchSize, concurrent, liveVotes, ct);
                rates.Add(events.Count / elapsed.TotalSeconds);
                var split = concurrent ? "" : "  (" + string.Join(", ", byProjection.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.TotalSeconds:F2} s"))) + ")";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {(concurrent ? "five at once" : "in turn"),-13} round {round}: {elapsed.TotalSeconds,6:F2} s  {events.Count / elapsed.TotalSeconds,9:N0} events/s{split}"));
            }
            rates.Sort();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(concurrent ? "five at once" : "in turn")}: median {rates[rates.Count / 2]:N0} events/s into all five projections"));
        }
    }

    /// <returns>The whole replay's time and, fed in turn, each projection's share of it.</returns>
    private static async Task<(TimeSpan Elapsed, Dictionary<string, TimeSpan> ByProjection)> ReplayAsync(
        IConnectionMultiplexer redis, IReadOnlyList<StoredEvent> events, int batchSize, bool concurrent, long? liveVotes, CancellationToken ct)
    {
        var prefix = $"bench-replay-{Guid.NewGuid():N}";
        var store = new RedisViewStore(redis, Microsoft.Extensions.Options.Options.Create(new RedisViewsOptions { KeyPrefix = prefix }), new LeaderEpoch { Current = 1 });
        var results = new RedisResultsProjection(store, new PollChangeFeed());
        IProjection[] projections =
        [
            results, new RedisHeatmapProjection(store), new RedisDeltaProjection(store), new RedisVoterStatusProjection(store),
            new RedisPollCatalogProjection(store),
        ];
        try
        {
            await new RedisViewsStamp(store, projections).StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), ct);
            var byProjection = projections.ToDictionary(p => p.Name, _ => TimeSpan.Zero);
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < events.Count; start += batchSize)
            {
                var batch = events.Skip(start).Take(batchSize).ToArray();
                if (concurrent)
                {
                    await Task.WhenAll(projections.Select(p => p.ApplyAsync(batch, ct).AsTask()));
                }
                else
                {
                    foreach (var projection in projections)
                    {
                        var started = clock.Elapsed;
                        await projection.ApplyAsync(batch, ct);
                        byProjection[projection.Name] += clock.Elapsed - started;
                    }
                }
            }
            var elapsed = clock.Elapsed;
            long counted = 0;
            foreach (var pollId in events.Select(e => e.Event).OfType<PollCreated>().Select(c => c.Poll.Id))
            {
                counted += (await results.GetAsync(pollId, ct))?.TotalVotes ?? 0;
            }
            if (liveVotes is not null && counted != liveVotes)
            {
                throw new InvalidOperationException($"The replay counted {counted} live votes, the log holds {liveVotes}.");
            }
            return (elapsed, byProjection);
        }
        finally
        {
            await DeleteAsync(redis, new RedisKeys(prefix).Pattern);
        }
    }

    private static async Task DeleteAsync(IConnectionMultiplexer redis, string pattern)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }
            var page = new List<object>();
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000))
            {
                page.Add(key);
                if (page.Count == 1000)
                {
                    await redis.GetDatabase().ExecuteAsync("UNLINK", page.ToArray());
                    page.Clear();
                }
            }
            if (page.Count > 0)
            {
                await redis.GetDatabase().ExecuteAsync("UNLINK", page.ToArray());
            }
        }
    }
}
