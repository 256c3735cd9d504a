namespace Tally.Bench.Perf;

/// <summary>Results reads of one poll holding <paramref name="Votes"/> votes.</summary>
public sealed record SeededResult(string Server, long Votes, TimeSpan SeedTime, WrkResult Reads);
