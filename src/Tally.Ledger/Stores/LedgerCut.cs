namespace Tally.Ledger.Stores;

/// <summary>The ledger's live votes at one sequence: every event up to <see cref="Sequence"/> and no other.</summary>
public sealed record LedgerCut(long Sequence, IReadOnlyList<LiveVotes> Counts);
