using System.Diagnostics;

namespace Tally.Bench.Hosting;

/// <summary>
/// A server process the bench launched: started with a known environment, awaited until /health answers,
/// and killed (with its children) on dispose, on Ctrl+C unwinding and on process exit.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output = new(40);
    private int _disposed;

    public string Name { get; }
    public Uri BaseAddress { get; }

    private ChildServer(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public static ChildServer Start(string name, IEnumerable<string> dotnetArgs, IReadOnlyDictionary<string, string> environment, string workingDirectory, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in dotnetArgs)
        {
            info.ArgumentList.Add(arg);
        }
        // Both servers must run as they would in production, whatever the developer's shell says.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ChildServer(name, new Uri($"http://127.0.0.1:{port}"), process);
        process.OutputDataReceived += (_, e) => server._output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server._output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Readiness.WaitAsync(BaseAddress, timeout,
                () => _process.HasExited ? $"{Name} exited with code {_process.ExitCode} before becoming ready." : null, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{Name}: {e.Message}\n{DescribeOutput()}", e);
        }
    }

    public string DescribeOutput()
    {
        var lines = _output.Snapshot();
        return lines.Count == 0
            ? $"({Name} printed nothing)"
            : $"--- last {lines.Count} of {_output.TotalLines} lines from {Name} ---\n{string.Join('\n', lines)}\n---";
    }

    public long OutputLineCount => _output.TotalLines;

    /// <summary>CPU the server has used so far, user and kernel: on a machine shared with other load, CPU per request is steadier than requests per second.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory of the server process now.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>Asks the server to stop as a service manager would (SIGTERM) and waits for it to exit on its own.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (Terminate(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"{Name} could not be sent SIGTERM.");
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: {Name} (pid {_process.Id}) did not exit within 10 s of being killed.");
        }
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: exactly what we wanted.
        }
    }
}
