using System.Globalization;
using System.Text;

namespace Tally.Bench.Reporting;

/// <summary>The block meant to be pasted into BENCHMARKS.md as-is.</summary>
public static class MarkdownSummary
{
    public static string Render(BenchReport r)
    {
        var o = r.Options;
        var v = r.Votes;
        var lag = v.Lag.LagMicros;
        var votesPerSecond = v.Load.PerSecond;
        var helloAuth = r.HelloAuth.Load.PerSecond;
        var helloAnon = r.HelloAnon.Load.PerSecond;
        var exact = r.Exactness;

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Tally benchmark, {r.StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {r.Machine}");
        md.AppendLine("- Load generator, Tally and the baseline server all run on this machine (one server at a time), over loopback.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Tally: {r.TallyTarget}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load: {o.Clients} closed-loop clients, HTTP/1.1 keep-alive; Idempotency-Key on every vote: {(o.IdempotencyKeys ? "yes" : "no")}; {Seconds(o.Warmup)} s warm-up then {Seconds(o.Duration)} s measured (results reads: {Seconds(o.ReadDuration)} s, {o.ReadClients ?? o.Clients} clients)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{r.CommandLine}`");
        md.AppendLine();
        md.AppendLine("| Measurement | Result |");
        md.AppendLine("|---|---|");
        Row(md, "Durable votes/s (201 = committed)", Millis.Rate(votesPerSecond));
        Row(md, "Vote latency p50 / p90 / p99 / max (ms)", $"{Millis.Percentiles(v.Load.LatencyMicros, 50, 90, 99)} / {Millis.Max(v.Load.LatencyMicros)}");
        Row(md, "Vote errors (non-201 or no answer)", $"{Millis.Count(v.Load.Failures)}{(v.Load.EndedEarly ? " (ran out of pre-minted voters; phase ended early)" : "")}");
        Row(md, "Commit→visible lag p50 / p99 / max (ms)", $"{Millis.Percentiles(lag, 50, 99)} / {Millis.Max(lag)} ({v.Lag.Samples} samples, {v.Lag.Violations} sequence violations)");
        Row(md, "Exactness: final total_votes vs 201s", $"{(exact.Observed is { } n ? Millis.Count(n) : "unreadable")} vs {Millis.Count(exact.Expected)}: {(exact.Matched ? "match" : "**MISMATCH**")}");
        Row(md, "Results reads/s", Millis.Rate(r.Reads.Load.PerSecond));
        Row(md, "Results read latency p50 / p99 (ms)", Millis.Percentiles(r.Reads.Load.LatencyMicros, 50, 99));
        Row(md, "Baseline `POST /hello` (same auth) req/s", Millis.Rate(helloAuth));
        Row(md, "Baseline `POST /hello-anon` req/s", Millis.Rate(helloAnon));
        Row(md, "Tally votes/s ÷ hello (auth) req/s", Millis.Ratio(votesPerSecond, helloAuth));
        Row(md, "hello (auth) ÷ hello-anon", Millis.Ratio(helloAuth, helloAnon));
        Row(md, "Token validation, single thread (µs each)", r.Validation.MicrosecondsEach.ToString("0.00", CultureInfo.InvariantCulture));
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, string value) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
