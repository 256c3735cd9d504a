namespace Tally.Ledger.Recounts;

public sealed record RegionVotes(string Region, long Total, IReadOnlyList<OptionVotes> Options);
