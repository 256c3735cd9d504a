using Tally.Domain.Events;

namespace Tally.Views;

/// <summary>
/// A view being rebuilt beside the live one (memory: a new instance; Redis: a new key generation). It has its own
/// checkpoint, publishes nothing to live streams, and becomes the live view only by <see cref="SwapInAsync"/>.
/// </summary>
public interface IShadowProjection
{
    string Name { get; }

    ValueTask<long> ReadCheckpointAsync(CancellationToken ct);

    /// <summary>As <see cref="IProjection.ApplyAsync"/>, into the shadow.</summary>
    ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>What the shadow counts for one poll, to check it against the ledger before the swap.</summary>
    ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct);

    /// <summary>
    /// Readers see the shadow's data and checkpoint from now on, in one step; the live view's former data is dropped.
    /// Called only while nothing applies to the live view, with the shadow at the live view's checkpoint.
    /// </summary>
    ValueTask SwapInAsync(CancellationToken ct);

    /// <summary>Drops the shadow's data; the live view is untouched.</summary>
    ValueTask DiscardAsync(CancellationToken ct);
}
