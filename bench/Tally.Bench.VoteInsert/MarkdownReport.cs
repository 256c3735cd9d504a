using System.Globalization;
using System.Text;

namespace Tally.Bench.VoteInsert;

/// <summary>The figures as markdown: one row per path and size, then B÷A per size.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<(PathResult A, PathResult B)> results)
    {
        var md = new StringBuilder();
        md.AppendLine("| Batch | Path | Batches | p50 ms | p99 ms | mean ms | rows/s |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (a, b) in results)
        {
            Row(md, a);
            Row(md, b);
        }
        md.AppendLine();
        // Latency ratios above 1 and a rows/s ratio below 1 both mean B (COPY) is the slower path.
        md.AppendLine("| Batch | B÷A p50 | B÷A p99 | B÷A mean | B÷A rows/s |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var (a, b) in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {a.BatchSize} | {Ratio(b.PercentileMs(50), a.PercentileMs(50))} | {Ratio(b.PercentileMs(99), a.PercentileMs(99))} | {Ratio(b.MeanMs, a.MeanMs)} | {Ratio(b.RowsPerSecond, a.RowsPerSecond)} |");
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, PathResult r) =>
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {r.BatchSize} | {r.Path} | {r.Batches} | {r.PercentileMs(50):0.000} | {r.PercentileMs(99):0.000} | {r.MeanMs:0.000} | {r.RowsPerSecond:#,0} |");

    private static string Ratio(double b, double a) => (b / a).ToString("0.00", CultureInfo.InvariantCulture);
}
