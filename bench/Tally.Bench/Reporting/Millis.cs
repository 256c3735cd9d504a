using System.Globalization;
using HdrHistogram;

namespace Tally.Bench.Reporting;

/// <summary>Histograms record microseconds; reports speak milliseconds.</summary>
public static class Millis
{
    public static string At(HistogramBase micros, double percentile) =>
        micros.TotalCount == 0 ? "n/a" : Format(micros.GetValueAtPercentile(percentile));

    public static string Max(HistogramBase micros) =>
        micros.TotalCount == 0 ? "n/a" : Format(micros.GetMaxValue());

    public static string Percentiles(HistogramBase micros, params double[] percentiles) =>
        string.Join(" / ", percentiles.Select(p => At(micros, p)));

    public static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Ratio(double numerator, double denominator) =>
        denominator > 0 ? (numerator / denominator).ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Format(long micros) => (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}
