using System.Globalization;
using System.Text;
using Tally.Bench.Reporting;

namespace Tally.Bench.Catalog;

/// <summary>The run as a markdown section for BENCHMARKS.md: one column per run, and old ÷ new where both ran on one view store.</summary>
public static class CatalogReport
{
    public static string Render(
        CatalogOptions options, string commandLine, MachineInfo machine, DateTimeOffset startedAt, IReadOnlyList<CatalogQuery> queries, IReadOnlyList<CatalogServerRun> runs)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Poll catalogue with {Millis.Count(options.Polls)} polls — {startedAt:yyyy-MM-dd}");
        text.AppendLine();
        text.AppendLine($"Machine: {machine}.");
        text.AppendLine($"Command: `{commandLine}`");
        if (runs.FirstOrDefault(r => r.Seed is not null) is { Seed: { } seed } seeder)
        {
            text.AppendLine($"Polls created through `POST /v1/polls` by {options.SeedClients} clients on {seeder.Name}: {seed.Elapsed.TotalSeconds:0.0} s, {Millis.Rate(seed.PerSecond)} polls/s.");
        }
        text.AppendLine($"Each query: {options.Clients} closed-loop clients, {options.Warmup.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured; latency ms p50 / p99 (requests/s).");
        text.AppendLine();

        var columns = Columns(runs);
        text.AppendLine("| | " + string.Join(" | ", columns.Select(c => c.Header)) + " |");
        text.AppendLine("|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var query in queries)
        {
            text.AppendLine($"| {query.Name} | " + string.Join(" | ", columns.Select(c => c.Latency(query.Name))) + " |");
        }
        foreach (var query in queries.Where(q => q.Paths.Count > 1))
        {
            text.AppendLine($"| matches of {query.Name} (mean of {SampleSize(runs, query)} sampled) | " + string.Join(" | ", columns.Select(c => c.Run is { } run ? MeanMatches(run, query) : "")) + " |");
        }
        text.AppendLine("| lists every poll after launch (s) | " + string.Join(" | ", columns.Select(c => c.Run is { } run ? Ready(run) : "")) + " |");
        if (runs.Any(r => r.RedisBytes is not null))
        {
            text.AppendLine("| Redis memory of the views (MB) | " + string.Join(" | ", columns.Select(c => c.Run?.RedisBytes is { } bytes ? (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) : "")) + " |");
        }
        foreach (var build in runs.GroupBy(r => r.Build).Where(g => g.Count() > 1))
        {
            var (first, second) = (build.First(), build.Last());
            var same = first.Answers.Count(a => second.Answers.TryGetValue(a.Key, out var other) && other.SameAs(a.Value));
            text.AppendLine();
            text.AppendLine($"{first.Name} and {second.Name}: {same} of {first.Answers.Count} sampled answers identical (total and page).");
        }
        return text.ToString();
    }

    private static List<Column> Columns(IReadOnlyList<CatalogServerRun> runs)
    {
        var columns = new List<Column>();
        foreach (var views in runs.GroupBy(r => r.Views))
        {
            var old = views.FirstOrDefault(r => r.Build == "old");
            var current = views.FirstOrDefault(r => r.Build == "new");
            columns.AddRange(new[] { old, current }.OfType<CatalogServerRun>().Select(r => new Column(r.Name, r, null)));
            if (old is not null && current is not null)
            {
                columns.Add(new Column($"{views.Key}: old ÷ new", null, (old, current)));
            }
        }
        return columns;
    }

    private static int SampleSize(IReadOnlyList<CatalogServerRun> runs, CatalogQuery query) => Sampled(runs[0], query).Count();

    private static string MeanMatches(CatalogServerRun run, CatalogQuery query)
    {
        var totals = Sampled(run, query).Select(p => run.Answers[p].Total).ToArray();
        return totals.Length == 0 ? "" : Millis.Count((long)totals.Average());
    }

    private static IEnumerable<string> Sampled(CatalogServerRun run, CatalogQuery query) => query.Paths.Distinct().Where(run.Answers.ContainsKey);

    private static string Ready(CatalogServerRun run) =>
        run.Ready is { } ready ? ready.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "created them";

    /// <summary>A run's figures, or the ratio of two runs' latencies.</summary>
    private sealed record Column(string Header, CatalogServerRun? Run, (CatalogServerRun Old, CatalogServerRun New)? Pair)
    {
        public string Latency(string query)
        {
            if (Run is { } run)
            {
                var load = run.Phases[query].Load;
                return $"{Millis.Percentiles(load.LatencyMicros, 50, 99)} ({Millis.Rate(load.PerSecond)})";
            }
            var (old, current) = Pair!.Value;
            return $"{Ratio(old, current, query, 50)} / {Ratio(old, current, query, 99)}";
        }

        private static string Ratio(CatalogServerRun old, CatalogServerRun current, string query, double percentile)
        {
            var before = old.Phases[query].Load.LatencyMicros;
            var after = current.Phases[query].Load.LatencyMicros;
            return before.TotalCount == 0 || after.TotalCount == 0
                ? "n/a"
                : (before.GetValueAtPercentile(percentile) / (double)after.GetValueAtPercentile(percentile)).ToString("0.0", CultureInfo.InvariantCulture) + "×";
        }
    }
}
