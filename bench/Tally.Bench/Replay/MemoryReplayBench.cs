using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tally.Domain.Events;
using Tally.Views;
using Tally.Views.Memory;
using Tally.Views.Progress;

namespace Tally.Bench.Replay;

/// <summary>
/// Replay into the memory views with no ledger and no live load: events/s through all five views in batches as the
/// daemon applies them, bytes the views hold per live vote, and the time to write their snapshot and to load it into a
/// fresh node. <c>memory-replay [votes] [polls] [batch]</c>, defaults 1000000 10 2000.
/// </summary>
public static class MemoryReplayBench
{
    public const string Mode = "memory-replay";

    public static async Task<int> RunAsync(string[] args)
    {
        var votes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var polls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        var data = Directory.CreateTempSubdirectory("tally-replay-");
        try
        {
            var before = Settle();
            var (node, stamp, views) = Node(data.FullName);
            var (eventCount, last, replay) = Replay(views, votes, polls, batch);
            var held = Settle() - before;
            Console.WriteLine($"replay   {eventCount:N0} events ({votes:N0} live votes, {polls} polls, batches of {batch}) in {replay.TotalMilliseconds:N0} ms: {eventCount / replay.TotalSeconds:N0} events/s; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}");
            Console.WriteLine($"memory   {held / (double)(1 << 20):N1} MB held by the views: {held / (double)votes:N0} bytes per live vote");

            var generation = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");
            await stamp.StartAsync(generation, CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await stamp.RecordAsync(generation with { Checkpoint = last.Sequence, CheckpointHash = "bench" }, CancellationToken.None);
            var capture = watch.Elapsed;
            await stamp.SnapshotWritten;
            var written = watch.Elapsed;
            var file = new FileInfo(Path.Combine(data.FullName, ViewsRegistration.MemorySnapshotFileName));
            Console.WriteLine($"snapshot {file.Length / (double)(1 << 20):N1} MB: the daemon paused {capture.TotalMilliseconds:N1} ms, written in {written.TotalMilliseconds:N0} ms");
            await node.DisposeAsync();

            var (fresh, freshStamp, freshViews) = Node(data.FullName);
            watch.Restart();
            await ((IHostedService)freshStamp).StartAsync(CancellationToken.None);
            var loaded = watch.Elapsed;
            var at2 = await freshStamp.ReadAsync(CancellationToken.None);
            Console.WriteLine($"load     at sequence {at2?.Checkpoint:N0} in {loaded.TotalMilliseconds:N0} ms ({freshViews.Count} views)");
            await fresh.DisposeAsync();
            return at2?.Checkpoint == last.Sequence ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Applies the events a batch at a time, timing only the applying; no batch stays referenced once applied.</summary>
    private static (int Count, StoredEvent Last, TimeSpan Elapsed) Replay(IReadOnlyList<IProjection> views, int votes, int polls, int batch)
    {
        var watch = new Stopwatch();
        var count = 0;
        StoredEvent? last = null;
        foreach (var chunk in MemoryReplayVotes.Make(votes, polls).Chunk(batch))
        {
            watch.Start();
            foreach (var view in views)
            {
                // Memory views apply synchronously: the task is complete when it returns.
                view.ApplyAsync(chunk, CancellationToken.None).GetAwaiter().GetResult();
            }
            watch.Stop();
            count += chunk.Length;
            last = chunk[^1];
        }
        return (count, last!, watch.Elapsed);
    }

    private static (ServiceProvider Node, MemoryViewsStamp Stamp, IReadOnlyList<IProjection> Views) Node(string dataPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MemorySnapshotOptions.Section + ":EveryEvents"] = "1",
        }).Build();
        var node = new ServiceCollection().AddLogging().AddTallyMemoryViews(configuration, dataPath).BuildServiceProvider();
        return (node, node.GetRequiredService<MemoryViewsStamp>(), node.GetServices<IProjection>().ToArray());
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
