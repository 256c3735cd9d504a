using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Polls;
using Tally.Ledger;
using Tally.Ledger.Handlers;

namespace Tally.Bench.Restart;

/// <summary>
/// Fills an embedded ledger with votes through the ledger's own handlers in this process (group commit, judge, event
/// log, as the server writes them), without HTTP in between: millions of votes in minutes instead of hours.
/// </summary>
public static class LedgerSeeder
{
    private static readonly string[] Regions = ["north", "south", "east", "west"];
    private static readonly ClientInfo Client = new("198.51.100.7", "tally-bench-seeder/1.0");

    /// <returns>How long the seeding took.</returns>
    public static async Task<TimeSpan> SeedAsync(string dataPath, int polls, long votes, int concurrency, TextWriter output, CancellationToken ct) =>
        (await SeedAsync(dataPath, LedgerProvider.Sqlite, new Dictionary<string, string?>(), polls, votes, concurrency, output, ct)).Elapsed;

    /// <param name="settings">More configuration for the ledger, e.g. PostgreSQL's connection string.</param>
    /// <returns>The polls created, and how long the seeding took.</returns>
    public static async Task<(Guid[] PollIds, TimeSpan Elapsed)> SeedAsync(string dataPath, LedgerProvider ledgerProvider, IReadOnlyDictionary<string, string?> settings,
        int polls, long votes, int concurrency, TextWriter output, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        // Big batches: seeding wants throughput, not the latency the server's defaults are tuned for.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Tally:GroupCommit:MaxBatchSize"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tally:GroupCommit:QueueCapacity"] = (2 * concurrency).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        services.AddTallyLedger(configuration, dataPath, ledgerProvider);
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(ct);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var create = provider.GetRequiredService<CreatePollHandler>();
            var pollIds = new Guid[polls];
            for (var p = 0; p < polls; p++)
            {
                var draft = new PollDraft($"Restart poll {p}", null, ["Apple", "Banana", "Cherry"], Regions, null, null,
                    new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));
                var created = await create.HandleAsync(new CreatePoll("bench-owner", draft), ct);
                pollIds[p] = created.Value?.Poll.Id ?? throw new InvalidOperationException($"Creating a poll was refused: {created.Rejection?.Message}");
            }
            var cast = provider.GetRequiredService<CastVoteHandler>();
            long next = -1;
            long done = 0;
            // Without a degree of parallelism Parallel.ForEachAsync runs one worker per core: batches of two votes, an fsync each.
            var workers = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), workers, async (_, token) =>
            {
                long i;
                while ((i = Interlocked.Increment(ref next)) < votes)
                {
                    // Each voter votes in every poll in turn, as in a ledger of many polls.
                    var ballot = new Ballot(pollIds[i % polls], $"bench:voter-{i / polls}", (int)(i % 3) + 1, Regions[i % Regions.Length]);
                    var outcome = await cast.HandleAsync(new CastVote(ballot, null, Client), token);
                    if (!outcome.Succeeded)
                    {
                        throw new InvalidOperationException($"Vote {i} was refused: {outcome.Rejection?.Code}");
                    }
                    var total = Interlocked.Increment(ref done);
                    if (total % 1_000_000 == 0)
                    {
                        lock (output)
                        {
                            output.WriteLine($"  seeded {total:N0} votes, {total / Stopwatch.GetElapsedTime(started).TotalSeconds:N0}/s");
                        }
                    }
                }
            });
            return (pollIds, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var service in hosted.Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }
}
