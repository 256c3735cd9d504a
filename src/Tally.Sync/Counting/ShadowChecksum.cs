namespace Tally.Sync.Counting;

/// <summary>
/// A shadow checked against the ledger at <see cref="Sequence"/>: how many polls and cells were compared, and the cells
/// that differed (the first ones, a sample). <see cref="Counted"/> is false for a view that does not count votes (the
/// catalogue, the time-window deltas), which has nothing to compare.
/// </summary>
public sealed record ShadowChecksum(long Sequence, bool Counted, int Polls, int Cells, int Mismatches, IReadOnlyList<CellDrift> Sample)
{
    public bool Matches => Mismatches == 0;
}
