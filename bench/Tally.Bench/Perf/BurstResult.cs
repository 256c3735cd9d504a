namespace Tally.Bench.Perf;

/// <param name="VotesEachSecond">Growth of the poll's total_votes in each second from the first connection.</param>
public sealed record BurstResult(string Server, WrkResult Load, IReadOnlyList<long> VotesEachSecond);
