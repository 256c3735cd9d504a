using System.Globalization;
using System.Text;
using Tally.Bench.Reporting;

namespace Tally.Bench.Perf;

/// <summary>Everything a <c>perf</c> run measured, printed as it goes and at the end as Markdown tables for BENCHMARKS.md.</summary>
public sealed class PerfReport(PerfOptions options, string commandLine, MachineInfo machine)
{
    public const string HelloPost = "hello POST (auth)";
    public const string HelloGet = "hello GET (anonymous)";
    public const string PlainHello = "plain JwtBearer hello";
    public const string OwnHello = "Tally-auth hello";

    public List<PerfRow> Rows { get; } = [];
    public List<BurstResult> Bursts { get; } = [];
    public List<HalfLoadResult> HalfLoads { get; } = [];
    public List<SeededResult> Seeded { get; } = [];
    public List<string> Notes { get; } = [];

    public static string Describe(PerfRow row) =>
        $"{row.Server} {row.Scenario}: {Millis.Rate(row.Load.PerSecond)} req/s ({Millis.Rate(row.VotesPerSecond)} votes/s), " +
        $"p50/p90/p99/max {row.Load.P50Millis:0.00} / {row.Load.P90Millis:0.00} / {row.Load.P99Millis:0.00} / {row.Load.MaxMillis:0.00} ms, " +
        $"{Millis.Count(row.Load.Errors)} errors, wrk {row.Load.LoadGeneratorCores:0.00} cores, server {row.Load.ServerCores:0.00} cores" +
        (row.Batches is { } b ? $"; {Bytes(b.AllocatedBytesPerVote)} B/vote, {Number(b.VotesPerBatch)} votes/batch, {Number(b.RoundTripsPerBatch)} round trips/batch, JIT {b.JitCores:0.00} cores" : "");

    public static string Describe(HalfLoadResult half) =>
        $"{half.Server} half load: votes at {Millis.Rate(half.Votes.TargetRate)}/s p50/p99/max {half.Votes.Percentile(50):0.00} / {half.Votes.Percentile(99):0.00} / {half.Votes.Percentile(100):0.00} ms " +
        $"({half.Votes.Failed} failed{(half.Votes.Failed > 0 ? ": " + half.Votes.FailureSummary : "")}; client behind schedule p99 {Millis.At(half.Votes.SendBehindMicros, 99)} ms); lag p50/p99 {Millis.Percentiles(half.Lag.LagMicros, 50, 99)} ms ({half.Lag.Samples} samples)" +
        (half.Reads is { } r ? $"; reads at {Millis.Rate(r.TargetRate)}/s p50/p99/max {r.Percentile(50):0.00} / {r.Percentile(99):0.00} / {r.Percentile(100):0.00} ms ({r.Failed} failed{(r.Failed > 0 ? ": " + r.FailureSummary : "")}; client behind schedule p99 {Millis.At(r.SendBehindMicros, 99)} ms)" : "");

    public string Render()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Stack **{options.Stack}**; machine: {machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"`{commandLine}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Closed loop with wrk ({options.Connections} connections, {options.Seconds.TotalSeconds:0} s measured after {options.Warmup.TotalSeconds:0} s of warm-up on other polls); servers one after the other.");
        md.AppendLine();
        md.AppendLine("| scenario | server | req/s | votes/s | reads/s | p50 / p99 (ms) | errors | ÷ plain hello(auth) | ÷ Tally-auth hello | ÷ naive | reads ÷ hello GET | wrk cores | server cores |");
        md.AppendLine("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var plainPost = Find(HelloPost, PlainHello)?.Load.PerSecond;
        var ownPost = Find(HelloPost, OwnHello)?.Load.PerSecond;
        var plainGet = Find(HelloGet, PlainHello)?.Load.PerSecond;
        foreach (var row in Rows)
        {
            var isHello = row.Scenario.StartsWith("hello", StringComparison.Ordinal);
            var votes = isHello ? row.Load.PerSecond : row.VotesPerSecond;
            var naive = isHello || row.Server == "naive" ? null : Find(row.Scenario, "naive");
            var readsRatio = row.VoteShare < 1 && plainGet is { } g ? Ratio(row.ReadsPerSecond, g) : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Server} | {Millis.Rate(row.Load.PerSecond)} | {(row.VoteShare > 0 ? Millis.Rate(row.VotesPerSecond) : "")} | " +
                $"{(row.VoteShare < 1 ? Millis.Rate(row.ReadsPerSecond) : "")} | {row.Load.P50Millis:0.00} / {row.Load.P99Millis:0.00} | {Millis.Count(row.Load.Errors)} | " +
                $"{(row.VoteShare > 0 && plainPost is { } p ? Ratio(votes, p) : "")} | {(row.VoteShare > 0 && ownPost is { } o ? Ratio(votes, o) : "")} | " +
                $"{(naive is not null && naive.VotesPerSecond > 0 ? Ratio(row.VotesPerSecond, naive.VotesPerSecond) : "")} | {readsRatio} | " +
                $"{row.Load.LoadGeneratorCores:0.00} | {row.Load.ServerCores:0.00} |");
        }

        var batched = Rows.Where(r => r.Batches is not null).ToList();
        if (batched.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Tally's batches over each measured run (Δsum ÷ Δcount of `tally_ledger_batch_*` on /metrics; — where this build records nothing), allocated bytes per vote (Δ`dotnet_gc_heap_total_allocated_bytes_total` ÷ votes; in mixed the reads' allocations count too) and the cores the JIT took during the run (Δ`dotnet_jit_compilation_time_seconds_total` ÷ the run's seconds):");
            md.AppendLine();
            md.AppendLine("| scenario | server | allocated B/vote | votes/batch | round trips/batch | read | insert | append | commit | durable (ms per batch) | JIT cores |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in batched)
            {
                var b = row.Batches!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Scenario} | {row.Server} | {Bytes(b.AllocatedBytesPerVote)} | {Number(b.VotesPerBatch)} | {Number(b.RoundTripsPerBatch)} | {string.Join(" | ", b.StageMillis.Select(Stage))} | {b.JitCores:0.00} |");
            }
        }

        if (HalfLoads.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Half load: open loop (HdrHistogram, latency from each request's scheduled start: corrected for coordinated omission), {options.HalfLoadSeconds.TotalSeconds:0} s after 2 s unmeasured, at half the many-polls votes/s (over {options.Polls} new polls) and then half the mixed reads/s; commit→visible lag sampled every 20 ms alongside the votes.");
            md.AppendLine();
            md.AppendLine("| server | votes/s asked → answered | vote p50 / p99 / max (ms) | failed | client behind p99 (ms) | lag p50 / p99 (ms) | reads/s asked → answered | results p50 / p99 / max (ms) | failed | client behind p99 (ms) |");
            md.AppendLine("|---|---|---|---:|---:|---|---|---|---:|---:|");
            foreach (var h in HalfLoads)
            {
                var r = h.Reads;
                var reads = r is null
                    ? "— | — | — | — |"
                    : string.Create(CultureInfo.InvariantCulture, $"{Millis.Rate(r.TargetRate)} → {Millis.Rate(r.AchievedRate)} | {r.Percentile(50):0.00} / {r.Percentile(99):0.00} / {r.Percentile(100):0.00} | {r.Failed} | {Millis.At(r.SendBehindMicros, 99)} |");
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {h.Server} | {Millis.Rate(h.Votes.TargetRate)} → {Millis.Rate(h.Votes.AchievedRate)} | {h.Votes.Percentile(50):0.00} / {h.Votes.Percentile(99):0.00} / {h.Votes.Percentile(100):0.00} | {h.Votes.Failed} | {Millis.At(h.Votes.SendBehindMicros, 99)} | {Millis.Percentiles(h.Lag.LagMicros, 50, 99)} | {reads}");
            }
        }

        if (Bursts.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Burst: a new poll, {options.BurstConnections} connections opened at once, {options.BurstSeconds.TotalSeconds:0} s, no warm-up on it; votes each second = growth of its `total_votes` read once a second (Tally's includes the projection's lag).");
            md.AppendLine();
            md.AppendLine("| server | votes/s | p50 / p99 (ms) | errors | votes in each second |");
            md.AppendLine("|---|---:|---|---:|---|");
            foreach (var b in Bursts)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {b.Server} | {Millis.Rate(b.Load.Successes / b.Load.Duration.TotalSeconds)} | {b.Load.P50Millis:0.00} / {b.Load.P99Millis:0.00} | {Millis.Count(b.Load.Errors)} | {string.Join(", ", b.VotesEachSecond.Select(v => Millis.Count(v)))} |");
            }
        }

        if (Seeded.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Results of one poll holding the seeded votes (wrk, 4 connections, anonymous GET …/results, after up to 5 s of warm-up):");
            md.AppendLine();
            md.AppendLine("| server | votes in the poll | seeded in (s) | reads/s | p50 / p99 / max (ms) | errors | p99 ÷ Tally's p99 |");
            md.AppendLine("|---|---:|---:|---:|---|---:|---:|");
            var tally = Seeded.FirstOrDefault(s => s.Server != "naive")?.Reads.P99Millis;
            foreach (var s in Seeded)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Server} | {Millis.Count(s.Votes)} | {s.SeedTime.TotalSeconds:0.0} | {Millis.Rate(s.Reads.PerSecond)} | {s.Reads.P50Millis:0.00} / {s.Reads.P99Millis:0.00} / {s.Reads.MaxMillis:0.00} | {Millis.Count(s.Reads.Errors)} | {(tally is { } t ? Ratio(s.Reads.P99Millis, t) : "")} |");
            }
        }

        foreach (var note in Notes)
        {
            md.AppendLine();
            md.AppendLine(note);
        }
        return md.ToString();
    }

    private PerfRow? Find(string scenario, string server) => Rows.FirstOrDefault(r => r.Scenario == scenario && r.Server == server);

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Stage(double? millis) => millis is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    private static string Bytes(double? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "—";
}
