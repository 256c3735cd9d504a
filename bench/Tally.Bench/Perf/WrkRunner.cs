using System.Diagnostics;
using System.Globalization;

namespace Tally.Bench.Perf;

/// <summary>
/// Runs wrk (closed loop, keep-alive connections) against one server with a generated script, and measures wrk's own
/// CPU alongside the server's: on 2 shared cores the load generator's share says how much of the machine was left.
/// </summary>
public sealed class WrkRunner(string tokensFile, string scratchDirectory)
{
    private int _runs;

    /// <summary>Null when wrk is on the PATH; otherwise what to tell the user.</summary>
    public static string? Missing() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk")))
            ? null
            : "wrk is not installed; the perf bench drives its load with it: apt-get install -y wrk";

    /// <param name="serverCpu">The server's CPU time so far, read before and after the run.</param>
    public async Task<WrkResult> RunAsync(Uri target, WrkLoad load, int connections, TimeSpan duration, Func<TimeSpan> serverCpu, CancellationToken ct)
    {
        var threads = Math.Min(2, connections);
        var script = Path.Combine(scratchDirectory, $"load-{Interlocked.Increment(ref _runs)}.lua");
        await File.WriteAllTextAsync(script, WrkScript.Render(load, tokensFile, threads), ct);

        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s", "--timeout", "30s", "-s", script,
            target.GetLeftPart(UriPartial.Authority),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var serverBefore = serverCpu();
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var started = Stopwatch.GetTimestamp();
        var stdout = wrk.StandardOutput.ReadToEndAsync(ct);
        var stderr = wrk.StandardError.ReadToEndAsync(ct);

        // wrk's CPU is sampled until it exits; the last sample and its time give cores busy (the last ~100 ms are lost).
        var lastCpu = TimeSpan.Zero;
        var lastAt = started;
        while (!wrk.HasExited)
        {
            if (ProcessCpu.Read(wrk.Id) is { } cpu)
            {
                lastCpu = cpu;
                lastAt = Stopwatch.GetTimestamp();
            }
            await Task.Delay(100, ct);
        }
        var serverAfter = serverCpu();
        var wall = Stopwatch.GetElapsedTime(started);
        await wrk.WaitForExitAsync(ct);
        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(WrkScript.ResultMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result (exit {wrk.ExitCode}): {output} {await stderr}");
        var n = line[WrkScript.ResultMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var sampled = Stopwatch.GetElapsedTime(started, lastAt);
        return new WrkResult(
            Requests: (long)n[0],
            Duration: TimeSpan.FromMicroseconds(n[1]),
            Errors: (long)(n[2] + n[3] + n[4] + n[5] + n[6]),
            P50Millis: n[7] / 1000,
            P90Millis: n[8] / 1000,
            P99Millis: n[9] / 1000,
            MaxMillis: n[10] / 1000,
            LoadGeneratorCores: sampled > TimeSpan.Zero ? lastCpu / sampled : 0,
            ServerCores: (serverAfter - serverBefore) / wall);
    }
}
