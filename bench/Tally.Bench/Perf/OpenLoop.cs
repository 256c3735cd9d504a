using System.Diagnostics;
using Tally.Bench.Load;

namespace Tally.Bench.Perf;

/// <summary>
/// A fixed request rate whatever the server does (wrk cannot hold a rate): request i is due at start + i ÷ rate and is
/// sent then even if earlier ones are still waiting, and its latency is counted from when it was due, so a stalled
/// server shows in the percentiles instead of silently slowing the load (coordinated omission).
/// </summary>
public static class OpenLoop
{
    /// <param name="send">Sends request i; null for the expected answer, else what came instead.</param>
    public static async Task<OpenLoopResult> RunAsync(double rate, TimeSpan lead, TimeSpan duration, Func<HttpClient, long, CancellationToken, Task<string?>> send,
        Uri baseAddress, CancellationToken ct)
    {
        using var handler = LoadClients.CreateHandler(512);
        using var client = LoadClients.Create(handler, baseAddress);
        var latency = Histograms.Microseconds();
        // How late the client itself sent: when it cannot keep the schedule, the latencies describe the client, not the server.
        var behind = Histograms.Microseconds();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(lead.TotalSeconds * Stopwatch.Frequency);
        var total = (long)((lead + duration).TotalSeconds * rate);
        var inFlight = new List<Task>();
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long succeeded = 0, sent = 0;
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait, ct);
            }
            if (due >= measureFrom)
            {
                behind.RecordValue(Histograms.ElapsedMicros(due, Stopwatch.GetTimestamp()));
            }
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                var failure = await send(client, n, ct);
                var end = Stopwatch.GetTimestamp();
                if (due < measureFrom)
                {
                    return;
                }
                lock (latency)
                {
                    latency.RecordValue(Histograms.ElapsedMicros(due, end));
                    if (failure is null)
                    {
                        succeeded++;
                    }
                    else
                    {
                        failures[failure] = failures.GetValueOrDefault(failure) + 1;
                    }
                }
            }, ct));
            if (due >= measureFrom)
            {
                sent++;
            }
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        await Task.WhenAll(inFlight);
        return new OpenLoopResult(rate, sent, succeeded, failures, duration, latency, behind);
    }
}
