using Tally.Sync.Counting;

namespace Tally.Sync.Reconciliation;

/// <summary>A poll whose views differed from the ledger at one sequence: the differing cells (a sample), and whether its views were rebuilt from its events.</summary>
public sealed record PollDrift(Guid PollId, long Sequence, DateTimeOffset FoundAt, int Cells, IReadOnlyList<CellDrift> Sample, bool Repaired);
