using Tally.Domain.Events;

namespace Tally.Views.Memory;

/// <summary>
/// An in-process view. Only the projection daemon writes (one batch at a time); readers see what was published at the
/// end of a batch, never part of one, and it is published before the checkpoint moves, so a reader that saw checkpoint
/// N sees every event up to N. Each view keeps its whole state in one object that readers reach through one reference,
/// so a shadow's state, a fresh one, or one loaded from a snapshot replaces it in one step.
/// </summary>
public abstract class MemoryProjection : IProjection
{
    private long _checkpoint;

    public abstract string Name { get; }

    public long Checkpoint => Volatile.Read(ref _checkpoint);

    public ValueTask<long> ReadCheckpointAsync(CancellationToken ct) => ValueTask.FromResult(Checkpoint);

    public ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        ApplyEvents(events);
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(CancellationToken ct)
    {
        Forget();
        Volatile.Write(ref _checkpoint, 0);
        return ValueTask.CompletedTask;
    }

    public IShadowProjection CreateShadow() => new MemoryShadowProjection(this, CreateEmpty());

    /// <summary>
    /// The poll is rebuilt apart, in an empty view fed only its events, then taken over and published as one batch.
    /// </summary>
    public ValueTask RepairPollAsync(Guid pollId, IReadOnlyList<StoredEvent> pollEvents, CancellationToken ct)
    {
        var rebuilt = CreateEmpty();
        rebuilt.ApplyEvents(pollEvents);
        TakePoll(pollId, rebuilt);
        Publish();
        return ValueTask.CompletedTask;
    }

    /// <summary>What this view counts for one poll, as published; empty when it does not know the poll.</summary>
    public ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(Count(pollId));

    /// <summary>
    /// Readers see <paramref name="shadow"/>'s state from now on, in one step, then its checkpoint. Called only while
    /// nothing applies to this view; the shadow is not used again.
    /// </summary>
    internal void SwapIn(MemoryProjection shadow)
    {
        TakeState(shadow);
        Volatile.Write(ref _checkpoint, shadow.Checkpoint);
    }

    /// <summary>The published state, captured while nothing applies; see <see cref="MemoryViewImage"/>.</summary>
    internal MemoryViewImage CaptureImage() => Capture();

    /// <summary>
    /// A new view of the same kind holding what <see cref="CaptureImage"/> wrote, at <paramref name="checkpoint"/>; not
    /// live until <see cref="SwapIn"/>. Throws on data it cannot read.
    /// </summary>
    internal MemoryProjection LoadImage(BinaryReader reader, long checkpoint)
    {
        var loaded = CreateEmpty();
        loaded.Load(reader);
        loaded._checkpoint = checkpoint;
        return loaded;
    }

    private void ApplyEvents(IReadOnlyList<StoredEvent> events)
    {
        var checkpoint = Checkpoint;
        var applied = false;
        foreach (var e in events)
        {
            if (e.Sequence <= checkpoint)
            {
                continue;
            }
            Apply(e);
            checkpoint = e.Sequence;
            applied = true;
        }
        if (applied)
        {
            Publish();
            Volatile.Write(ref _checkpoint, checkpoint);
        }
    }

    protected abstract void Apply(StoredEvent e);

    /// <summary>Drops every poll, published ones too: readers find nothing until the rebuild publishes again.</summary>
    protected abstract void Forget();

    /// <summary>Makes the batch's changes visible to readers.</summary>
    protected virtual void Publish()
    {
    }

    /// <summary>A new, empty view of the same kind that readers never reach and that tells live streams nothing.</summary>
    private protected abstract MemoryProjection CreateEmpty();

    /// <summary>Serves <paramref name="other"/>'s state (a view of the same kind) from now on, telling live streams what changed.</summary>
    private protected abstract void TakeState(MemoryProjection other);

    /// <summary>
    /// Holds what <paramref name="rebuilt"/> (a view of the same kind, fed only that poll's events) holds about the poll
    /// instead of what this view held, from the next publication on.
    /// </summary>
    private protected abstract void TakePoll(Guid pollId, MemoryProjection rebuilt);

    private protected abstract IReadOnlyList<HeldVotes> Count(Guid pollId);

    private protected abstract MemoryViewImage Capture();

    /// <summary>Reads a captured state and publishes it; throws on data it cannot read.</summary>
    private protected abstract void Load(BinaryReader reader);
}
