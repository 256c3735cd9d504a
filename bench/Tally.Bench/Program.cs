using System.Runtime.InteropServices;
using Tally.Bench.Baseline;
using Tally.Bench.Catalog;
using Tally.Bench.Export;
using Tally.Bench.Fraud;
using Tally.Bench.Live;
using Tally.Bench.Options;
using Tally.Bench.Perf;
using Tally.Bench.Replay;
using Tally.Bench.Restart;

namespace Tally.Bench;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [BaselineServer.Mode, .. var serverArgs])
        {
            return await BaselineServer.RunAsync(serverArgs);
        }

        if (args is [Naive.NaiveServer.Mode, .. var naiveArgs]) { return await Naive.NaiveServer.RunAsync(naiveArgs); }

        if (args is [CatalogBench.Mode, .. var catalogArgs])
        {
            var catalog = CatalogOptionReader.Parse(catalogArgs, Console.Error);
            return catalog is null ? 2 : await RunInterruptibleAsync(ct => CatalogBench.RunAsync(catalog, CommandLine.Reconstruct(args), ct));
        }

        if (args is [ExportLedgerBench.Mode, .. var exportArgs])
        {
            return await ExportLedgerBench.RunAsync(exportArgs);
        }

        if (args is [ExportOverHttpBench.Mode, ..])
        {
            return await ExportOverHttpBench.RunAsync(args);
        }

        if (args is [FraudBench.Mode, .. var fraudArgs] && FraudBench.Parse(fraudArgs, Console.Error) is var fraud)
        {
            return fraud is null ? 2 : await RunInterruptibleAsync(ct => FraudBench.RunAsync(fraud, CommandLine.Reconstruct(args), ct));
        }

        if (args is [LiveBench.Mode, .. var liveArgs])
        {
            var live = LiveBench.Parse(liveArgs, Console.Error);
            return live is null ? 2 : await RunInterruptibleAsync(ct => LiveBench.RunAsync(live, CommandLine.Reconstruct(args), ct));
        }

        if (args is [PerfBench.Mode, .. var perfArgs])
        {
            var perf = PerfOptionReader.Parse(perfArgs, Console.Error);
            return perf is null ? 2 : await RunInterruptibleAsync(ct => PerfBench.RunAsync(perf, CommandLine.Reconstruct(args), ct));
        }

        if (args is [MemoryReplayBench.Mode, .. var memoryReplayArgs])
        {
            return await MemoryReplayBench.RunAsync(memoryReplayArgs);
        }

        if (args is [RedisReplayBench.Mode, .. var replayArgs])
        {
            var replay = RedisReplayBench.Parse(replayArgs, Console.Error);
            return replay is null ? 2 : await RunInterruptibleAsync(ct => RedisReplayBench.RunAsync(replay, CommandLine.Reconstruct(args), ct));
        }

        if (args is [RestartBench.Mode, .. var restartArgs])
        {
            var restart = RestartOptionReader.Parse(restartArgs, Console.Error);
            return restart is null ? 2 : await RunInterruptibleAsync(ct => RestartBench.RunAsync(restart, CommandLine.Reconstruct(args), ct));
        }

        var options = OptionReader.Parse(args, Console.Error);
        return options is null ? 2 : await RunInterruptibleAsync(ct => BenchRun.RunAsync(options, CommandLine.Reconstruct(args), ct));
    }

    private static async Task<int> RunInterruptibleAsync(Func<CancellationToken, Task> run)
    {
        // Ctrl+C and SIGTERM cancel instead of ending the process outright, so child servers are killed
        // and temporary data deleted on the way out.
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        try
        {
            await run(interrupted.Token);
            return 0;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted; servers stopped and temporary data removed.");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            // Expected failures (server missing, not ready, misbehaving) explain themselves; no stack trace needed.
            await Console.Error.WriteLineAsync($"benchmark failed: {e.Message}");
            return 1;
        }

        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }
    }
}
