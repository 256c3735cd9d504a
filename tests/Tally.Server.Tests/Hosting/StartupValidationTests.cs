using System.Diagnostics;
using System.Text;
using Tally.Server.Hosting;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Hosting;

/// <summary>The real server process with one bad setting: it must stop at start, naming the key and what it accepts.</summary>
public sealed class StartupValidationTests
{
    // Generous: a healthy start takes a few seconds; a process that hangs instead of exiting is what should fail.
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--Tally:GroupCommit:MaxBatchSize=0", "Tally:GroupCommit:MaxBatchSize", "at least 1")]
    [InlineData("--Tally:GroupCommit:MaxBatchSize=abc", "Tally:GroupCommit:MaxBatchSize", "System.Int32")]
    [InlineData("--Tally:Ledger:Provider=1", "Tally:Ledger:Provider", "sqlite or postgres")]
    [InlineData("--Tally:GroupCommit:QueueCapacity=-5", "Tally:GroupCommit:QueueCapacity", "at least 1")]
    [InlineData("--Tally:Ledger:Provider=mysql", "Tally:Ledger:Provider", "sqlite or postgres")]
    [InlineData("--Tally:Views:Provider=disk", "Tally:Views:Provider", "memory or redis")]
    [InlineData("--Tally:Ledger:Sqlite:Synchronous=SOMETIMES", "Tally:Ledger:Sqlite:Synchronous", "FULL, NORMAL or OFF")]
    [InlineData("--Tally:Ledger:Sqlite:BusyTimeout=-00:00:01", "Tally:Ledger:Sqlite:BusyTimeout", "positive")]
    [InlineData("--Tally:Sync:BatchSize=0", "Tally:Sync:BatchSize", "from 1")]
    [InlineData("--Tally:Reads:LiveKeepAlive=00:00:00", "Tally:Reads:LiveKeepAlive", "positive")]
    [InlineData("--Tally:MaxRequestBodyBytes=0", "Tally:MaxRequestBodyBytes", "at least 1")]
    [InlineData("--Tally:Limits:Votes:PerVoter:TokenLimit=0", "Tally:Limits:Votes:PerVoter:TokenLimit", "at least 1")]
    [InlineData("--Tally:Limits:LoginFailures:PerIp:MaxLockout=00:00:30", "Tally:Limits:LoginFailures:PerIp:MaxLockout", "at least Tally:Limits:LoginFailures:PerIp:Lockout")]
    [InlineData("--Tally:Network:TrustedProxies:0=proxy.example", "Tally:Network:TrustedProxies:0", "a network (10.0.0.0/8)")]
    [InlineData("--Tally:Network:MaxConnections=-1", "Tally:Network:MaxConnections", "at least 1")]
    [InlineData("--Tally:Cors:AllowedOrigins:0=https://vote.example.org/polls", "Tally:Cors:AllowedOrigins:0", "no path")]
    [InlineData("--Tally:Auth:ExternalIssuers:0:Issuer=idp", "Tally:Auth:ExternalIssuers:0:Key", "at least 32")]
    [InlineData("--Tally:Metrics:Urls=http://0.0.0.0:9464", "Tally:Metrics:Urls", "loopback")]
    [InlineData("--Tally:Metrics:Urls=http://127.0.0.1", "Tally:Metrics:Urls", "explicit port")]
    [InlineData("--Tally:Health:ReadyMaxEventsBehind=-1", "Tally:Health:ReadyMaxEventsBehind", "0 or more")]
    [InlineData("--Tally:Sync:LagWarning=00:00:00", "Tally:Sync:LagWarning", "from 00:00:00.010")]
    public async Task ABadSettingStopsTheStartAndNamesItsKey(string setting, string key, string accepts)
    {
        var (exitCode, output) = await RunToExitAsync(setting);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output);
        Assert.Contains(accepts, output);
    }

    [Fact]
    public async Task ANegativeRedisTimeoutStopsTheStartAndNamesItsKey()
    {
        // Redis is never reached: the options are checked before anything connects.
        var (exitCode, output) = await RunToExitAsync(
            "--Tally:Views:Provider=redis", "--Tally:Views:Redis:ConnectionString=127.0.0.1:1", "--Tally:Views:Redis:SyncTimeout=-00:00:01");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Tally:Views:Redis:SyncTimeout", output);
        Assert.Contains("positive", output);
    }

    [Fact]
    public async Task AMetricsListenerOnAPortOfTheServiceStopsTheStart()
    {
        // It would serve metrics without a token on the service's port; nothing binds, so the port need not be free.
        var (exitCode, output) = await RunToExitAsync("--urls=http://127.0.0.1:18555", "--Tally:Metrics:Urls=http://127.0.0.1:18555");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Tally:Metrics:Urls must use ports of its own; 18555", output);
    }

    [Fact]
    public async Task BadSettingsInSeveralSectionsAreAllNamed()
    {
        var (exitCode, output) = await RunToExitAsync(
            "--Tally:GroupCommit:MaxBatchSize=0", "--Tally:Auth:TokenLifetime=00:00:00", "--Tally:Limits:Live:PerIp=0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Tally:GroupCommit:MaxBatchSize must be at least 1", output);
        Assert.Contains("Tally:Auth:TokenLifetime must be positive", output);
        Assert.Contains("Tally:Limits:Live:PerIp must be at least 1", output);
    }

    /// <summary>Starts the server with the settings and waits for it to exit; a server that starts listening instead fails the test.</summary>
    private static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] settings)
    {
        using var folder = new TempFolder();
        var dataPath = folder.Path;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(TallyServer).Assembly.Location);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Tally:DataPath={dataPath}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(ExitWithin);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the server did not stop within {ExitWithin}: {output}");
        }
        // The parameterless wait also drains the redirected output.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
