namespace Tally.Views.Results;

public interface IResultsView
{
    /// <summary>The poll's tally, or null for an unknown poll. Includes at least every event up to <see cref="ReadCheckpointAsync"/> read just before.</summary>
    ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct);

    ValueTask<long> ReadCheckpointAsync(CancellationToken ct);
}
