namespace Tally.Views;

/// <summary>
/// A live view that counts votes (results by option, heatmap by option and region), so reconciliation can compare what
/// it holds with the ledger's live votes.
/// </summary>
public interface ICountingView
{
    string Name { get; }

    /// <summary>What the view holds for one poll; empty when it does not know the poll.</summary>
    ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct);
}
