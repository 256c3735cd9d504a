using System.Diagnostics;

namespace Tally.Bench.Load;

/// <param name="client">This worker's client; all workers share one connection pool.</param>
/// <param name="worker">0-based worker index, stable for the whole phase.</param>
public delegate Task<Outcome> LoadOperation(HttpClient client, int worker, CancellationToken ct);

/// <summary>
/// N workers, each sending its next request as soon as the previous one completes: throughput is what the
/// server sustains at that concurrency, never a rate we imposed.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(Uri baseAddress, int clients, LoadWindow window, LoadOperation operation, CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(clients);
        var workers = Enumerable.Range(0, clients).Select(_ => new WorkerTally()).ToArray();
        var timeline = window.NewTimeline();
        await Task.WhenAll(workers.Select((tally, i) =>
            Task.Run(() => WorkAsync(LoadClients.Create(handler, baseAddress), i, tally, window, timeline, operation, ct), ct)));

        var latency = Histograms.Microseconds();
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
        }
        return new LoadResult(
            workers.Sum(w => w.Successes),
            workers.Sum(w => w.Failures),
            workers.Sum(w => w.MeasuredSuccesses),
            workers.Sum(w => w.MeasuredFailures),
            window.MeasuredSpan,
            window.EndedEarly,
            latency,
            timeline);
    }

    private static async Task WorkAsync(HttpClient client, int index, WorkerTally tally, LoadWindow window, Timeline timeline, LoadOperation operation, CancellationToken ct)
    {
        using (client)
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= window.End)
                {
                    return;
                }
                var outcome = await operation(client, index, ct);
                var done = Stopwatch.GetTimestamp();
                if (outcome == Outcome.Exhausted)
                {
                    window.EndAt(start);
                    return;
                }
                var measured = window.IsMeasured(done);
                if (outcome == Outcome.Success)
                {
                    tally.Successes++;
                    timeline.Record(done);
                    if (measured)
                    {
                        tally.MeasuredSuccesses++;
                        tally.Latency.RecordValue(Histograms.ElapsedMicros(start, done));
                    }
                }
                else
                {
                    tally.Failures++;
                    if (measured)
                    {
                        tally.MeasuredFailures++;
                    }
                }
            }
        }
    }

    // Per-worker counters so the hot loop never contends on shared state.
    private sealed class WorkerTally
    {
        public long Successes;
        public long Failures;
        public long MeasuredSuccesses;
        public long MeasuredFailures;
        public readonly HdrHistogram.LongHistogram Latency = Histograms.Microseconds();
    }
}
