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
}
