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

    /// <summary>
    /// A new, empty copy of this view in the same store, which readers do not see until it is swapped in: a shadow
    /// rebuild replays the log into it while this view keeps serving and moving.
    /// </summary>
    IShadowProjection CreateShadow();

    /// <summary>
    /// Replaces what this view holds about one poll with what <paramref name="pollEvents"/> say — every event of that
    /// poll up to this view's checkpoint, in order — at once for readers. The checkpoint does not move. Called only
    /// while nothing else applies to this view (the daemon runs it between batches).
    /// </summary>
    ValueTask RepairPollAsync(Guid pollId, IReadOnlyList<StoredEvent> pollEvents, CancellationToken ct);
}
