namespace Tally.Ledger.Stores;

/// <summary>The ledger's own count of live votes, from the vote rows, to check the views against.</summary>
public interface ILiveVoteCounts
{
    /// <summary>
    /// Live votes per poll, option and region of <paramref name="pollIds"/> (null: every poll not closed) at one read
    /// snapshot, with the sequence that snapshot reflects: the counts are exactly those of the events up to it, and every
    /// event up to it can be read from the <see cref="IEventLog"/> once this returns.
    /// </summary>
    /// <remarks>
    /// "Not closed" is the stored close only (no <c>PollClosed</c> event yet): a poll past its end time still counts, as
    /// nothing is written when the time passes and the views keep it as they do an open one. Only groups with at least
    /// one live vote are listed; a poll without live votes has no entry.
    /// </remarks>
    Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct);
}
