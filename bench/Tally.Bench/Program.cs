using Tally.Bench.Baseline;
using Tally.Bench.Options;

namespace Tally.Bench;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [BaselineServer.Mode, .. var serverArgs])
        {
            return await BaselineServer.RunAsync(serverArgs);
        }

        var options = OptionReader.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        // Ctrl+C cancels instead of killing us outright, so child servers are killed and temp data deleted on the way out.
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        try
        {
            await BenchRun.RunAsync(options, CommandLine.Reconstruct(args), interrupted.Token);
            return 0;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted; servers stopped and temporary data removed.");
            return 130;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {e.Message}");
            return 1;
        }
    }
}
