namespace Tally.Bench.Perf;

/// <summary>A Tally ledger filled before its node starts: its folder (embedded) or database, and the poll holding the votes.</summary>
public sealed record SeededLedger(string DataPath, string? ConnectionString, string PollId, long Votes, TimeSpan SeedTime);
