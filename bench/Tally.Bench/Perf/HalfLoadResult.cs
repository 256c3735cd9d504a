using Tally.Bench.Phases;

namespace Tally.Bench.Perf;

/// <summary>Open-loop runs at half the measured maximum: votes (with the commit→visible lag sampled alongside) and results reads.</summary>
public sealed record HalfLoadResult(string Server, OpenLoopResult Votes, LagResult Lag, OpenLoopResult? Reads);
