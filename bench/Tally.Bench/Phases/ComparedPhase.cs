namespace Tally.Bench.Phases;

/// <summary>One vote phase of a limits comparison.</summary>
public sealed record ComparedPhase(int Number, bool LimitsOn, TimeSpan Warmup, VotePhaseResult Votes, ExactnessResult Exactness);
