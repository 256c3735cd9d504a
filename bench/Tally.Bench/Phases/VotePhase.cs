using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Protocol;
using Tally.Bench.Tokens;

namespace Tally.Bench.Phases;

/// <summary>Closed-loop voting, each vote by a voter never used before, with the lag sampler running alongside.</summary>
public static class VotePhase
{
    public static async Task<VotePhaseResult> RunAsync(
        Uri baseAddress, string pollId, VoteBodies bodies, VoterTokens tokens, BenchOptions options, CancellationToken ct)
    {
        var caster = new VoteCaster(pollId, bodies, options.IdempotencyKeys);
        var reader = new ResultsReader(pollId);
        var window = LoadWindow.StartingNow(options.Warmup, options.Duration);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampling = new LagSampler(baseAddress, caster, reader, tokens).RunAsync(window, stopSampling.Token, ct);

        LoadResult load;
        try
        {
            load = await ClosedLoop.RunAsync(baseAddress, options.Clients, window, async (client, _, token) =>
            {
                if (!tokens.TryTakeUnused(out var voter))
                {
                    return Outcome.Exhausted;
                }
                return await caster.CastAsync(client, voter, token) is null ? Outcome.Failure : Outcome.Success;
            }, ct);
        }
        finally
        {
            await stopSampling.CancelAsync();
        }
        var lag = await sampling;
        return new VotePhaseResult(load, lag, caster.Durable, caster.Ambiguous, caster.MaxSequence, caster.Errors, reader.Errors);
    }
}
