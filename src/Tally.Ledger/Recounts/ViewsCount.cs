namespace Tally.Ledger.Recounts;

/// <summary>What a view holds for a slice, as of its checkpoint <see cref="Sequence"/>.</summary>
public sealed record ViewsCount(RecountView View, long Sequence, long Total, IReadOnlyList<OptionVotes> Options);
