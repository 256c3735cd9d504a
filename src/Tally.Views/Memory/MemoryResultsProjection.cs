using System.Collections.Concurrent;
using Tally.Domain.Events;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Views.Memory;

/// <summary>Live tallies per poll: counts per option, republished as one snapshot per changed poll per batch.</summary>
public sealed class MemoryResultsProjection(PollChangeFeed changes) : MemoryProjection, IResultsView
{
    private readonly ConcurrentDictionary<Guid, PollResults> _published = new();
    private readonly Dictionary<Guid, PollCounts> _working = new();
    private readonly HashSet<Guid> _dirty = new();

    public override string Name => "results";

    public ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult(_published.GetValueOrDefault(pollId));

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated created:
                var poll = created.Poll;
                _working[poll.Id] = new PollCounts(new PollResults(poll.Id, poll.OwnerId, poll.Options, poll.Settings.ResultsVisibility,
                    poll.StartTime, poll.EndTime, poll.ClosedAt, new long[poll.Options.Count], 0), new long[poll.Options.Count]);
                break;
            case PollClosed closed when _working.TryGetValue(closed.PollId, out var tally):
                tally.Poll = tally.Poll with { ClosedAt = closed.ClosedAt };
                break;
            case VoteCast cast when _working.TryGetValue(cast.PollId, out var tally):
                tally.Votes[cast.OptionId - 1]++;
                tally.Total++;
                break;
            case VoteRetracted retracted when _working.TryGetValue(retracted.PollId, out var tally):
                tally.Votes[retracted.OptionId - 1]--;
                tally.Total--;
                break;
            default:
                return;
        }
        _dirty.Add(stored.Event.PollId);
    }

    protected override void Publish()
    {
        foreach (var pollId in _dirty)
        {
            var tally = _working[pollId];
            _published[pollId] = tally.Poll with { Votes = (long[])tally.Votes.Clone(), TotalVotes = tally.Total };
        }
        foreach (var pollId in _dirty)
        {
            changes.Changed(pollId);
        }
        _dirty.Clear();
    }

    ValueTask<long> IResultsView.ReadCheckpointAsync(CancellationToken ct) => ReadCheckpointAsync(ct);

    private sealed class PollCounts(PollResults poll, long[] votes)
    {
        public PollResults Poll { get; set; } = poll;

        public long[] Votes { get; } = votes;

        public long Total { get; set; }
    }
}
