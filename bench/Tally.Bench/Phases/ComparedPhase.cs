namespace Tally.Bench.Phases;

/// <summary>One vote phase of a two-node comparison.</summary>
/// <param name="First">Whether the phase ran on the first node (the one the ratio puts on top).</param>
/// <param name="ServerCpu">CPU both nodes' processes used during the phase, warm-up included (PostgreSQL's and Redis's not).</param>
/// <param name="Note">What else ran during the phase (a rebuild's figures), if anything.</param>
public sealed record ComparedPhase(int Number, string Node, bool First, TimeSpan Warmup, VotePhaseResult Votes, ExactnessResult Exactness, TimeSpan ServerCpu, string? Note = null)
{
    /// <summary>Tally CPU per durable vote of the phase, in microseconds.</summary>
    public double? CpuMicrosPerVote => Votes.Durable > 0 ? ServerCpu.TotalMicroseconds / Votes.Durable : null;
}
