using Tally.Bench.Phases;
using Tally.Bench.Tokens;

namespace Tally.Bench.Reporting;

/// <summary>Human-readable lines printed as each phase finishes, so a long run shows progress and a failed one keeps what it had.</summary>
public static class ConsoleReport
{
    /// <summary>Prints what every run begins with (the machine and the command that measured it) and returns the machine.</summary>
    public static MachineInfo Header(TextWriter output, string commandLine)
    {
        var machine = MachineInfo.Current();
        output.WriteLine($"machine: {machine}");
        output.WriteLine($"command: {commandLine}");
        return machine;
    }

    public static void Validation(TextWriter output, ValidationMeasurement m)
    {
        output.WriteLine($"token validation: {m.MicrosecondsEach:0.00} µs each, single thread ({Millis.Count(m.Validations)} validations in {m.Elapsed.TotalSeconds:0.00} s, {m.Failures} failed)");
        if (m.FirstFailure is not null)
        {
            output.WriteLine($"  first failure: {m.FirstFailure}");
        }
    }

    public static void Votes(TextWriter output, VotePhaseResult v, VoterTokens tokens)
    {
        var load = v.Load;
        output.WriteLine($"votes: {Millis.Rate(load.PerSecond)} durable votes/s over {load.Measured.TotalSeconds:0.00} s measured ({Millis.Count(load.MeasuredSuccesses)} 201s)");
        output.WriteLine($"  latency ms p50/p90/p99/max: {Millis.Percentiles(load.LatencyMicros, 50, 90, 99)} / {Millis.Max(load.LatencyMicros)}");
        output.WriteLine($"  per {load.Timeline.Slot.TotalSeconds:0} s from the start of warm-up (votes/s): {string.Join(" ", load.Timeline.PerSecond().Select(Millis.Rate))}");
        output.WriteLine($"  errors: {Millis.Count(load.Failures)} (measured window {Millis.Count(load.MeasuredFailures)}); 201s in total incl. warm-up and sampler: {Millis.Count(v.Durable)}; unanswered: {v.Ambiguous}");
        if (load.EndedEarly)
        {
            output.WriteLine($"  NOTE: all {Millis.Count(tokens.Count)} pre-minted voters were used; the phase stopped early (raise --max-votes or shorten --duration).");
        }
        v.VoteErrors.Print(output);
        var lag = v.Lag;
        output.WriteLine($"commit→visible lag ms p50/p99/max: {Millis.Percentiles(lag.LagMicros, 50, 99)} / {Millis.Max(lag.LagMicros)} ({lag.Samples} samples, {lag.Violations} sequence violations, {lag.Failures} failed reads)");
        v.LagReadErrors.Print(output);
    }

    public static void Exactness(TextWriter output, ExactnessResult e)
    {
        var verdict = e.Matched ? "MATCH" : "MISMATCH";
        output.WriteLine($"exactness: total_votes {(e.Observed is { } o ? Millis.Count(o) : "unreadable")} vs {Millis.Count(e.Expected)} 201s received → {verdict} (after {e.Waited.TotalMilliseconds:0} ms)");
        if (!e.Matched && e.Ambiguous > 0)
        {
            output.WriteLine($"  {e.Ambiguous} vote requests got no answer; each may have committed, which can explain a surplus of up to that many.");
        }
    }

    public static void Load(TextWriter output, string name, PhaseResult r)
    {
        var load = r.Load;
        output.WriteLine($"{name}: {Millis.Rate(load.PerSecond)} req/s over {load.Measured.TotalSeconds:0.00} s; latency ms p50/p90/p99/max: {Millis.Percentiles(load.LatencyMicros, 50, 90, 99)} / {Millis.Max(load.LatencyMicros)}; errors: {Millis.Count(load.Failures)}");
        r.Errors.Print(output);
    }
}
