using System.Runtime;
using System.Runtime.InteropServices;

namespace Tally.Bench.Reporting;

public sealed record MachineInfo(int ProcessorCount, string CpuModel, string Os, string Runtime, string Architecture, bool ServerGc, string? LoadAverage)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        CpuModelName(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        GCSettings.IsServerGC,
        LoadAverageNow());

    public override string ToString() =>
        $"{ProcessorCount} logical CPUs ({CpuModel}), {Os}, {Runtime}, {Architecture}, {(ServerGc ? "server" : "workstation")} GC{(LoadAverage is null ? "" : $"; load average at start {LoadAverage}")}";

    // Other work on the machine skews every figure; recording the load lets a reader discount a noisy run.
    private static string? LoadAverageNow()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Best effort: the CPU model matters when comparing runs across machines, but only Linux exposes it cheaply.
    private static string CpuModelName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line?.Split(':', 2) is [_, var model])
                {
                    return model.Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return "CPU model unknown";
    }
}
