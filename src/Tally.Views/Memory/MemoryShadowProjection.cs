using Tally.Domain.Events;

namespace Tally.Views.Memory;

/// <summary>A new instance of a memory view, fed beside the live one and swapped in by handing its state over.</summary>
internal sealed class MemoryShadowProjection(MemoryProjection live, MemoryProjection shadow) : IShadowProjection
{
    private MemoryProjection? _shadow = shadow;

    public string Name => live.Name;

    public ValueTask<long> ReadCheckpointAsync(CancellationToken ct) => Shadow.ReadCheckpointAsync(ct);

    public ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct) => Shadow.ApplyAsync(events, ct);

    public ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct) => Shadow.CountAsync(pollId, ct);

    public ValueTask SwapInAsync(CancellationToken ct)
    {
        live.SwapIn(Shadow);
        _shadow = null;
        return ValueTask.CompletedTask;
    }

    public ValueTask DiscardAsync(CancellationToken ct)
    {
        _shadow = null;
        return ValueTask.CompletedTask;
    }

    // Once swapped in, the state belongs to the live view: a shadow that went on writing would change it behind its back.
    private MemoryProjection Shadow => _shadow ?? throw new InvalidOperationException($"The shadow of {live.Name} was already swapped in or discarded.");
}
