using Microsoft.Extensions.Options;
using Tally.Views.Heatmap;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>Heatmaps read from Redis once and then from this node's memory while they are still the answer (<see cref="NearPolls{T}"/>).</summary>
public sealed class NearHeatmapView(
    RedisHeatmapProjection heatmaps, RedisViewStore store, ViewProgress progress, ViewsState state, IOptions<RedisViewsOptions> options) : IHeatmapView
{
    private readonly NearPolls<PollHeatmap?> _polls = new(store, progress, state, options.Value.NearCachePolls);

    public async ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) =>
        (await _polls.GetAsync(pollId, ReadAsync, ct).ConfigureAwait(false)).Value;

    // A heatmap carries no checkpoint of its own: its reader reports the one read with the tally.
    private async ValueTask<(long, PollHeatmap?)> ReadAsync(Guid pollId, CancellationToken ct) =>
        (0, await heatmaps.GetAsync(pollId, ct).ConfigureAwait(false));
}
