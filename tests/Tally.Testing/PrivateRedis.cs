using System.Diagnostics;
using System.Net.Sockets;

namespace Tally.Testing;

/// <summary>A redis-server of the test's own on a free loopback port, so the test may stop and restart it.</summary>
public sealed class PrivateRedis : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private Process _process;

    public PrivateRedis()
    {
        Port = FreePort.Next();
        _process = Start();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StopAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A fresh, empty Redis on the same address.</summary>
    public void Restart()
    {
        _process.Dispose();
        _process = Start();
    }

    /// <summary>The setting that points a node's views here (placed after the shared servers' settings, it wins).</summary>
    public string ViewsSetting => $"--Tally:Views:Redis:ConnectionString={ConnectionString}";

    private Process Start()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", _folder.Path, "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return process;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20); // poll interval while redis-server binds its port
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
