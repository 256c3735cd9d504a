using System.Globalization;

namespace Tally.Bench.Perf;

/// <summary>User + kernel CPU time of a process so far, from <c>/proc/&lt;pid&gt;/stat</c> (utime and stime, in clock ticks).</summary>
public static class ProcessCpu
{
    // USER_HZ: 100 on every Linux the bench runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    /// <returns>Null once the process is gone.</returns>
    public static TimeSpan? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // The command name (field 2) may hold spaces; fields are counted from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
