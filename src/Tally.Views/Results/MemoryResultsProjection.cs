using Tally.Domain.Events;
using Tally.Views.Memory;
using Tally.Views.Progress;

namespace Tally.Views.Results;

/// <summary>Live tallies per poll: counts per option, republished as one snapshot per changed poll per batch.</summary>
public sealed class MemoryResultsProjection(PollChangeFeed changes) : MemoryProjection, IResultsView, IResultsSink
{
    private readonly PerPollSnapshots<MemoryPollCounts, PollResults> _polls = new(static (pollId, counts) => counts.Freeze(pollId));

    public override string Name => "results";

    public ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(_polls.Snapshot(pollId));

    ValueTask<long> IResultsView.ReadCheckpointAsync(CancellationToken ct) => ReadCheckpointAsync(ct);

    protected override void Apply(StoredEvent stored) => ResultsReducer.Apply(stored, this);

    protected override void Forget() => _polls.Clear();

    protected override void Publish() => _polls.Publish(changes);

    void IResultsSink.Start(Guid pollId, ResultsHeader header) => _polls.Start(pollId, new MemoryPollCounts(header));

    void IResultsSink.Close(Guid pollId, DateTimeOffset closedAt)
    {
        if (_polls.TryChange(pollId, out var counts))
        {
            counts.Header = counts.Header with { ClosedAt = closedAt };
        }
    }

    void IResultsSink.Count(Guid pollId, int optionId, int change)
    {
        if (_polls.TryChange(pollId, out var counts))
        {
            counts.Count(optionId, change);
        }
    }
}
