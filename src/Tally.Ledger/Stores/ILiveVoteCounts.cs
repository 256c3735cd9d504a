namespace Tally.Ledger.Stores;

/// <summary>The ledger's own count of live votes, from the vote rows, to check the views against.</summary>
public interface ILiveVoteCounts
{
    /// <summary>
    /// Live votes per poll, option and region of <paramref name="pollIds"/> (null: every poll not closed) at one read
    /// snapshot, with the sequence that snapshot reflects: the counts are exactly those of the events up to it.
    /// </summary>
    Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct);
}
