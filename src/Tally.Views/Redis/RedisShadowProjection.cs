using Tally.Domain.Events;

namespace Tally.Views.Redis;

/// <summary>
/// A Redis view rebuilt beside the live one: an instance of the same view writing a generation of its own, which no
/// reader sees until <see cref="SwapInAsync"/> points the view at it.
/// </summary>
internal sealed class RedisShadowProjection(RedisProjection twin, RedisViewStore store) : IShadowProjection
{
    private bool _swapped;

    public string Name => twin.Name;

    public ValueTask<long> ReadCheckpointAsync(CancellationToken ct) => twin.ReadCheckpointAsync(ct);

    public ValueTask ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct) => twin.ApplyAsync(events, ct);

    public ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct) => twin.CountShadowAsync(pollId, ct);

    public async ValueTask SwapInAsync(CancellationToken ct)
    {
        await twin.SwapInAsync().ConfigureAwait(false);
        _swapped = true;
    }

    public async ValueTask DiscardAsync(CancellationToken ct)
    {
        if (_swapped)
        {
            throw new InvalidOperationException($"The shadow of '{Name}' was swapped in: it is the live view now.");
        }
        await store.Generations.DeleteAsync(twin.ShadowGeneration, ct).ConfigureAwait(false);
    }
}
