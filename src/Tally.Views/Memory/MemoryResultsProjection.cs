using Tally.Domain.Events;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Views.Memory;

/// <summary>Live tallies per poll: counts per option, republished as one snapshot per changed poll per batch.</summary>
public sealed class MemoryResultsProjection(PollChangeFeed changes)
    : PerPollSnapshots<MemoryResultsProjection.PollCounts, PollResults>, IResultsView
{
    public override string Name => "results";

    public ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(Snapshot(pollId));

    ValueTask<long> IResultsView.ReadCheckpointAsync(CancellationToken ct) => ReadCheckpointAsync(ct);

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                Start(poll.Id, new PollCounts(new PollResults(poll.Id, poll.OwnerId, poll.Options, poll.Settings.ResultsVisibility,
                    poll.StartTime, poll.EndTime, poll.ClosedAt, [], 0), new long[poll.Options.Count]));
                break;
            case PollClosed closed when TryChange(closed.PollId, out var counts):
                counts.Poll = counts.Poll with { ClosedAt = closed.ClosedAt };
                break;
            case VoteCast cast when TryChange(cast.PollId, out var counts):
                counts.Votes[cast.OptionId - 1]++;
                counts.Total++;
                break;
            case VoteRetracted retracted when TryChange(retracted.PollId, out var counts):
                counts.Votes[retracted.OptionId - 1]--;
                counts.Total--;
                break;
        }
    }

    protected override PollResults Freeze(Guid pollId, PollCounts counts) =>
        counts.Poll with { Votes = (long[])counts.Votes.Clone(), TotalVotes = counts.Total };

    protected override void Published(IReadOnlyCollection<Guid> pollIds)
    {
        foreach (var pollId in pollIds)
        {
            changes.Changed(pollId);
        }
    }

    public sealed class PollCounts(PollResults poll, long[] votes)
    {
        public PollResults Poll { get; set; } = poll;

        public long[] Votes { get; } = votes;

        public long Total { get; set; }
    }
}
