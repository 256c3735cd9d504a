using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Tokens;

namespace Tally.Bench.Phases;

/// <summary>Closed-loop results reads once voting has stopped: the cost of serving the read model.</summary>
public static class ReadPhase
{
    public static async Task<PhaseResult> RunAsync(Uri baseAddress, string pollId, VoterTokens tokens, BenchOptions options, CancellationToken ct)
    {
        var reader = new ResultsReader(pollId);
        var window = LoadWindow.StartingNow(options.Warmup, options.ReadDuration);
        var load = await ClosedLoop.RunAsync(baseAddress, options.ReadClients ?? options.Clients, window, async (client, worker, token) =>
            await reader.ReadAsync(client, tokens.Reusable(worker), minSequence: null, token) is null ? Outcome.Failure : Outcome.Success,
            ct);
        return new PhaseResult(load, reader.Errors);
    }
}
