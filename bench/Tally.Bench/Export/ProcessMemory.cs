using System.Globalization;

namespace Tally.Bench.Export;

/// <summary>The process's resident set, as Linux reports it in /proc/self/status (VmRSS).</summary>
public static class ProcessMemory
{
    public static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("/proc/self/status has no VmRSS line.");
    }
}
