using System.Globalization;
using System.Text;
using Tally.Bench.Options;
using Tally.Bench.Phases;

namespace Tally.Bench.Reporting;

/// <summary>The limits comparison as a block to paste into BENCHMARKS.md.</summary>
public static class ComparisonSummary
{
    public static string Render(MachineInfo machine, string commandLine, DateTimeOffset startedAt, string target, BenchOptions options, IReadOnlyList<ComparedPhase> phases)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Votes/s, limits on vs off, {startedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Tally: {target}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load: {options.Clients} closed-loop clients, each vote by a new voter; {options.Duration.TotalSeconds:0} s measured per phase");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{commandLine}`");
        md.AppendLine();
        md.AppendLine("| phase | limits | warm-up (s) | durable votes/s | latency p50 / p99 (ms) | Tally CPU per vote (µs) | errors | exactness |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in phases)
        {
            var load = p.Votes.Load;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Number} | {(p.LimitsOn ? "on" : "off")} | {p.Warmup.TotalSeconds:0} | {Millis.Rate(load.PerSecond)} | {Millis.Percentiles(load.LatencyMicros, 50, 99)} | {Micros(p.CpuMicrosPerVote)} | {Millis.Count(load.Failures)} | {(p.Exactness.Matched ? "match" : "**MISMATCH**")} |");
        }
        var on = phases.Where(p => p.LimitsOn).Average(p => p.Votes.Load.PerSecond);
        var off = phases.Where(p => !p.LimitsOn).Average(p => p.Votes.Load.PerSecond);
        var cpuOn = MeanCpu(phases, true);
        var cpuOff = MeanCpu(phases, false);
        md.AppendLine(CultureInfo.InvariantCulture, $"| **mean** | on | | **{Millis.Rate(on)}** | | {Micros(cpuOn)} | | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **mean** | off | | **{Millis.Rate(off)}** | | {Micros(cpuOff)} | | |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**votes/s with limits ÷ without: {Millis.Ratio(on, off)}**");
        if (cpuOn is { } a && cpuOff is { } b)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Tally CPU per vote with limits ÷ without: {Millis.Ratio(a, b)}");
        }
        return md.ToString();
    }

    private static double? MeanCpu(IReadOnlyList<ComparedPhase> phases, bool limitsOn)
    {
        var measured = phases.Where(p => p.LimitsOn == limitsOn && p.CpuMicrosPerVote is not null).ToList();
        return measured.Count == 0 ? null : measured.Average(p => p.CpuMicrosPerVote!.Value);
    }

    private static string Micros(double? micros) => micros is { } m ? m.ToString("0", CultureInfo.InvariantCulture) : "n/a";
}
