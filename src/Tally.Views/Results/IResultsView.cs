namespace Tally.Views.Results;

public interface IResultsView
{
    /// <summary>The poll's tally, or null for an unknown poll. Includes at least every event up to <see cref="ReadCheckpointAsync"/> read just before.</summary>
    ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct);

    ValueTask<long> ReadCheckpointAsync(CancellationToken ct);

    /// <summary>
    /// The checkpoint, then the tally: the tally includes every event up to the checkpoint. A store that can send both
    /// reads at once, in that order, answers in one round trip.
    /// </summary>
    async ValueTask<ResultsAt> GetWithCheckpointAsync(Guid pollId, CancellationToken ct)
    {
        var checkpoint = await ReadCheckpointAsync(ct).ConfigureAwait(false);
        return new ResultsAt(checkpoint, await GetAsync(pollId, ct).ConfigureAwait(false));
    }
}
