using System.Diagnostics;
using HdrHistogram;
using Tally.Bench.Load;
using Tally.Bench.Tokens;

namespace Tally.Bench.Phases;

/// <param name="LagMicros">From receiving a vote's 201 to receiving results that include it.</param>
/// <param name="Violations">Results whose sequence was below the vote's: the server released the read too early.</param>
public sealed record LagResult(HistogramBase LagMicros, long Samples, long Violations, long Failures);

/// <summary>
/// Commit→visible lag: one extra client votes as its own voter every ~20 ms, then immediately asks for
/// results at that vote's sequence, which the server holds until its read model has caught up.
/// </summary>
public sealed class LagSampler(Uri baseAddress, VoteCaster caster, ResultsReader reader, VoterTokens tokens)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <param name="stop">Ends sampling between samples; <paramref name="ct"/> aborts requests, which only Ctrl+C should do
    /// (an aborted vote may still commit and would then be missing from the exactness count).</param>
    public async Task<LagResult> RunAsync(LoadWindow window, CancellationToken stop, CancellationToken ct)
    {
        // Its own connection, so samples never queue behind the load clients for a pooled one.
        using var handler = LoadClients.CreateHandler(1);
        using var client = LoadClients.Create(handler, baseAddress);
        using var timer = new PeriodicTimer(Interval);
        var lag = Histograms.Microseconds();
        long samples = 0, violations = 0, failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop) && tokens.TryTakeUnused(out var token))
            {
                var receipt = await caster.CastAsync(client, token, ct);
                var committedAt = Stopwatch.GetTimestamp();
                if (receipt is null)
                {
                    continue;
                }
                var results = await reader.ReadAsync(client, token, receipt.Sequence, ct);
                var visibleAt = Stopwatch.GetTimestamp();
                if (!window.IsMeasured(committedAt))
                {
                    continue;
                }
                samples++;
                if (results is null)
                {
                    failures++;
                    continue;
                }
                lag.RecordValue(Histograms.ElapsedMicros(committedAt, visibleAt));
                if (results.Sequence < receipt.Sequence)
                {
                    violations++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The vote phase is over; sampling ends with it.
        }
        return new LagResult(lag, samples, violations, failures);
    }
}
