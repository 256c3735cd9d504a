namespace Tally.Ledger.Recounts;

/// <summary>
/// The ledger's live votes in a slice, read at one snapshot that reflects every event up to <see cref="Sequence"/>.
/// <see cref="Regions"/> is null when the slice names a region.
/// </summary>
public sealed record LedgerCount(long Sequence, long Total, IReadOnlyList<OptionVotes> Options, IReadOnlyList<RegionVotes>? Regions, string VoteIdsSha256);
