namespace Tally.Bench.Perf;

/// <summary>One measured wrk run of one server in one scenario.</summary>
/// <param name="VoteShare">The share of requests that were votes: 1, 0 for reads, 1 ÷ (reads per vote + 1) when mixed.</param>
/// <param name="Batches">Tally's own figures over the run; null for servers without them.</param>
public sealed record PerfRow(string Scenario, string Server, WrkResult Load, double VoteShare, BatchFigures? Batches)
{
    public double VotesPerSecond => Load.Successes * VoteShare / Load.Duration.TotalSeconds;

    public double ReadsPerSecond => Load.Successes * (1 - VoteShare) / Load.Duration.TotalSeconds;
}
