namespace Tally.Ledger.Stores;

/// <summary>
/// The ledger's live votes at one sequence: every event up to <see cref="Sequence"/> and no other. <see cref="Polls"/>
/// are the polls counted, those without a live vote included (they have no row in <see cref="Counts"/>).
/// </summary>
public sealed record LedgerCut(long Sequence, IReadOnlyList<Guid> Polls, IReadOnlyList<LiveVotes> Counts);
