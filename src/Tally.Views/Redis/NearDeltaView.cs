using Microsoft.Extensions.Options;
using Tally.Views.Delta;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// Recent gains read from Redis once and then from this node's memory while they are still the answer
/// (<see cref="NearPolls{T}"/>). A window is a sum of whole buckets, so the held sum answers the same window until the
/// clock moves its first bucket on or a change to the poll is announced; only its end is the asker's clock.
/// </summary>
public sealed class NearDeltaView(
    RedisDeltaProjection deltas, RedisViewStore store, ViewProgress progress, ViewsState state, IOptions<RedisViewsOptions> options) : IDeltaView
{
    private readonly NearPolls<HeldDelta> _polls = new(store, progress, state, options.Value.NearCachePolls);

    public async ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        var first = DeltaBuckets.BucketOf(now - window);
        var (_, held) = await _polls.GetAsync(pollId,
            async (id, token) => (0, new HeldDelta(window, first, await deltas.GetAsync(id, window, now, token).ConfigureAwait(false))),
            ct, fits: h => h.Window == window && h.FirstBucket == first).ConfigureAwait(false);
        return held.Delta is { } delta ? delta with { To = now } : null;
    }
}
