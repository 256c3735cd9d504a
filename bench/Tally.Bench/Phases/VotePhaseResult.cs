using Tally.Bench.Load;

namespace Tally.Bench.Phases;

/// <param name="Durable">Every 201 received, warm-up and lag sampler included: what the final tally must equal.</param>
/// <param name="Ambiguous">Vote requests that got no answer at all; each may or may not have committed.</param>
public sealed record VotePhaseResult(
    LoadResult Load,
    LagResult Lag,
    long Durable,
    long Ambiguous,
    long MaxSequence,
    ErrorLog VoteErrors,
    ErrorLog LagReadErrors);
