using Tally.Ledger.Recounts;

namespace Tally.Ledger.Stores;

/// <summary>Recounts: the slice's live votes read from the vote rows, and the kept reports.</summary>
public interface IRecountStore
{
    /// <summary>
    /// Streams the slice's live votes (vote id, option, region) into <paramref name="count"/> in ascending order of the
    /// vote id's text, at one read snapshot.
    /// </summary>
    /// <returns>The last event sequence that snapshot reflects.</returns>
    Task<long> CountAsync(Guid pollId, RecountSlice slice, RecountCount count, CancellationToken ct);

    /// <summary>Keeps the report, with a <c>recount</c> audit row in the same transaction.</summary>
    Task KeepAsync(RecountReport report, CancellationToken ct);

    Task<RecountReport?> FindAsync(Guid pollId, Guid recountId, CancellationToken ct);
}
