using Tally.Domain.Events;

namespace Tally.Views.Memory;

/// <summary>
/// An in-process view. Only the projection daemon writes (one batch at a time); readers see what was published at the
/// end of a batch, never part of one, and it is published before the checkpoint moves, so a reader that saw checkpoint
/// N sees every event up to N.
/// </summary>
public abstract class MemoryProjection : IProjection
{
    private long _checkpoint;

    public abstract string Name { get; }

    public long Checkpoint => Volatile.Read(ref _checkpoint);

    public ValueTask<long> ReadCheckpointAsync(CancellationToken ct) => ValueTask.FromResult(Checkpoint);

    public ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
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
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(CancellationToken ct)
    {
        Forget();
        Volatile.Write(ref _checkpoint, 0);
        return ValueTask.CompletedTask;
    }

    protected abstract void Apply(StoredEvent e);

    /// <summary>Drops every poll, published ones too: readers find nothing until the rebuild publishes again.</summary>
    protected abstract void Forget();

    /// <summary>Makes the batch's changes visible to readers.</summary>
    protected virtual void Publish()
    {
    }

    // TEMPORARY scaffolding until the views helpers' branches are merged.
    public IShadowProjection CreateShadow() => throw new NotSupportedException();

    public ValueTask RepairPollAsync(Guid pollId, IReadOnlyList<StoredEvent> pollEvents, CancellationToken ct) => throw new NotSupportedException();
}
