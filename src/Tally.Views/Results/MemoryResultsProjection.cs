using Tally.Domain.Events;
using Tally.Views.Memory;
using Tally.Views.Progress;

namespace Tally.Views.Results;

/// <summary>Live tallies per poll: counts per option, republished as one snapshot per changed poll per batch.</summary>
public sealed class MemoryResultsProjection(PollChangeFeed changes) : MemoryProjection, IResultsView, IResultsSink, ICountingView
{
    private PerPollSnapshots<MemoryPollCounts, PollResults> _polls = NewPolls();

    public override string Name => "results";

    public ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(Volatile.Read(ref _polls).Snapshot(pollId));

    ValueTask<long> IResultsView.ReadCheckpointAsync(CancellationToken ct) => ReadCheckpointAsync(ct);

    protected override void Apply(StoredEvent stored) => ResultsReducer.Apply(stored, this);

    protected override void Forget() => Volatile.Write(ref _polls, NewPolls());

    protected override void Publish() => _polls.Publish(changes);

    // A shadow's own feed has no listeners: what it publishes reaches no live stream.
    private protected override MemoryProjection CreateEmpty() => new MemoryResultsProjection(new PollChangeFeed());

    private protected override void TakeState(MemoryProjection other)
    {
        var before = _polls;
        Volatile.Write(ref _polls, ((MemoryResultsProjection)other)._polls);
        foreach (var pollId in before.PublishedPolls.Union(_polls.PublishedPolls))
        {
            changes.Changed(pollId);
        }
    }

    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt) => _polls.TakePoll(pollId, ((MemoryResultsProjection)rebuilt)._polls);

    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId) =>
        Volatile.Read(ref _polls).Snapshot(pollId) is { } results
            ? results.Votes.Select((votes, i) => new HeldVotes(results.Options[i].Id, null, votes)).ToArray()
            : [];

    private protected override MemoryViewImage Capture()
    {
        var polls = _polls.Published();
        return new MemoryViewImage(Name, writer =>
        {
            writer.Write(polls.Length);
            foreach (var (pollId, results) in polls)
            {
                writer.WriteGuid(pollId);
                writer.Write(results.OwnerId);
                writer.WriteOptions(results.Options);
                writer.WriteVisibility(results.Visibility);
                writer.WriteOptionalTime(results.StartTime);
                writer.WriteOptionalTime(results.EndTime);
                writer.WriteOptionalTime(results.ClosedAt);
                writer.WriteCounts(results.Votes);
                // The amendment stands for the last admin change: a later change is judged on its own time anyway.
                writer.WriteOptionalTime(results.AmendedAt);
            }
        });
    }

    private protected override void Load(BinaryReader reader)
    {
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var pollId = reader.ReadGuid();
            var header = new ResultsHeader(reader.ReadString(), reader.ReadOptions(), reader.ReadVisibility(),
                reader.ReadOptionalTime(), reader.ReadOptionalTime(), reader.ReadOptionalTime());
            var votes = reader.ReadCounts();
            if (votes.Length != header.Options.Count)
            {
                throw new InvalidDataException($"Poll {pollId} has {header.Options.Count} options and {votes.Length} counts.");
            }
            _polls.Start(pollId, new MemoryPollCounts(header, votes, reader.ReadOptionalTime()));
        }
        Publish();
    }

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

    void IResultsSink.ChangedByAdmin(Guid pollId, DateTimeOffset at)
    {
        if (_polls.TryChange(pollId, out var counts))
        {
            counts.ChangedByAdminAt = at;
        }
    }

    private static PerPollSnapshots<MemoryPollCounts, PollResults> NewPolls() => new(static (pollId, counts) => counts.Freeze(pollId));
}
