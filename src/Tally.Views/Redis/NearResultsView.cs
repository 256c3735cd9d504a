using Microsoft.Extensions.Options;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Views.Redis;

/// <summary>Tallies read from Redis once and then from this node's memory while they are still the answer (<see cref="NearPolls{T}"/>).</summary>
public sealed class NearResultsView(
    RedisResultsProjection results, RedisViewStore store, ViewProgress progress, ViewsState state, IOptions<RedisViewsOptions> options) : IResultsView
{
    private readonly NearPolls<PollResults?> _polls = new(store, progress, state, options.Value.NearCachePolls);

    public async ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) =>
        (await GetWithCheckpointAsync(pollId, ct).ConfigureAwait(false)).Results;

    public ValueTask<long> ReadCheckpointAsync(CancellationToken ct) => results.ReadCheckpointAsync(ct);

    public async ValueTask<ResultsAt> GetWithCheckpointAsync(Guid pollId, CancellationToken ct)
    {
        var (checkpoint, tally) = await _polls.GetAsync(pollId, ReadAsync, ct).ConfigureAwait(false);
        return new ResultsAt(checkpoint, tally);
    }

    private async ValueTask<(long, PollResults?)> ReadAsync(Guid pollId, CancellationToken ct)
    {
        var read = await results.GetWithCheckpointAsync(pollId, ct).ConfigureAwait(false);
        return (read.Checkpoint, read.Results);
    }
}
