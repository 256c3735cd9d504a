using Tally.Domain.Ballots;

namespace Tally.Ledger.Judging;

/// <summary>What a reinstatement will do: the votes to make live again, and those it leaves (with why).</summary>
public sealed record ReinstatementPlan(IReadOnlyList<LedgerVote> Reinstate, IReadOnlyList<RefusedReinstatement> Refused);
