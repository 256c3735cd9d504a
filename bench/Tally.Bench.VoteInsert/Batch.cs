namespace Tally.Bench.VoteInsert;

/// <summary>A batch and how many of its rows must come back from RETURNING: every row but the duplicates.</summary>
public sealed record Batch(VoteRow[] Rows, int ExpectedInserts, long Timestamp);
