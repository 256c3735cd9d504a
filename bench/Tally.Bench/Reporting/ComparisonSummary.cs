using System.Globalization;
using System.Text;
using Tally.Bench.Options;
using Tally.Bench.Phases;

namespace Tally.Bench.Reporting;

/// <summary>A two-node comparison as a block to paste into BENCHMARKS.md.</summary>
public static class ComparisonSummary
{
    public static string Render(MachineInfo machine, string commandLine, DateTimeOffset startedAt, string subject, string target, BenchOptions options, IReadOnlyList<ComparedPhase> phases)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Votes/s, {subject}, {startedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Tally: {target}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load: {options.Clients} closed-loop clients, each vote by a new voter; {options.Duration.TotalSeconds:0} s measured per phase");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{commandLine}`");
        md.AppendLine();
        md.AppendLine("| phase | node | warm-up (s) | durable votes/s | latency p50 / p99 (ms) | Tally CPU per vote (µs) | errors | exactness |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in phases)
        {
            var load = p.Votes.Load;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Number} | {p.Node} | {p.Warmup.TotalSeconds:0} | {Millis.Rate(load.PerSecond)} | {Millis.Percentiles(load.LatencyMicros, 50, 99)} | {Micros(p.CpuMicrosPerVote)} | {Millis.Count(load.Failures)} | {(p.Exactness.Matched ? "match" : "**MISMATCH**")} |");
        }
        foreach (var p in phases.Where(p => p.Note is not null))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Phase {p.Number}: {p.Note}");
        }
        var first = phases.Where(p => p.First).ToList();
        var second = phases.Where(p => !p.First).ToList();
        foreach (var side in new[] { first, second })
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| **median** | {side[0].Node} | | **{Millis.Rate(Median(side.Select(p => p.Votes.Load.PerSecond)))}** | | {Micros(MedianCpu(side))} | | |");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| mean | {side[0].Node} | | {Millis.Rate(side.Average(p => p.Votes.Load.PerSecond))} | | | | |");
        }
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"**votes/s {first[0].Node} ÷ {second[0].Node}: median {Millis.Ratio(Median(first.Select(p => p.Votes.Load.PerSecond)), Median(second.Select(p => p.Votes.Load.PerSecond)))}, mean {Millis.Ratio(first.Average(p => p.Votes.Load.PerSecond), second.Average(p => p.Votes.Load.PerSecond))}**");
        if (MedianCpu(first) is { } a && MedianCpu(second) is { } b)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Tally CPU per vote {first[0].Node} ÷ {second[0].Node} (medians): {Millis.Ratio(a, b)}");
        }
        return md.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? MedianCpu(IReadOnlyList<ComparedPhase> phases)
    {
        var measured = phases.Where(p => p.CpuMicrosPerVote is not null).Select(p => p.CpuMicrosPerVote!.Value).ToList();
        return measured.Count == 0 ? null : Median(measured);
    }

    private static string Micros(double? micros) => micros is { } m ? m.ToString("0", CultureInfo.InvariantCulture) : "n/a";
}
