using Tally.Domain.Events;

namespace Tally.Views;

/// <summary>
/// A read model fed from the event log. Each keeps its own checkpoint, moved together with the changes it covers,
/// and ignores any event at or below it — so a re-delivered event is never counted twice.
/// </summary>
public interface IProjection
{
    string Name { get; }

    ValueTask<long> ReadCheckpointAsync(CancellationToken ct);

    /// <summary>Applies the events above the checkpoint, in order, and moves the checkpoint to the last one.</summary>
    ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct);

    /// <summary>
    /// Drops everything this view holds, its checkpoint last, so the next apply rebuilds it from the start of the log.
    /// For views that belong to another state of the ledger (a checkpoint above the ledger's head).
    /// </summary>
    ValueTask ForgetAsync(CancellationToken ct);
}
