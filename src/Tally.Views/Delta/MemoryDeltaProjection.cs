using System.Collections.Immutable;
using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.Delta;

/// <summary>Net votes per option in fixed time buckets, for "what changed in the last N minutes", republished per changed poll per batch.</summary>
public sealed class MemoryDeltaProjection : MemoryProjection, IDeltaView, IDeltaSink
{
    private PerPollSnapshots<MemoryPollBuckets, MemoryDeltaSnapshot> _polls = NewPolls();

    public override string Name => "delta";

    public ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        if (Volatile.Read(ref _polls).Snapshot(pollId) is not { } snapshot)
        {
            return ValueTask.FromResult<PollDelta?>(null);
        }
        var first = DeltaBuckets.BucketOf(now - window);
        var votes = new long[snapshot.OptionCount];
        foreach (var (bucket, counts) in snapshot.ByBucket)
        {
            if (bucket < first)
            {
                continue;
            }
            for (var i = 0; i < votes.Length; i++)
            {
                votes[i] += counts[i];
            }
        }
        return ValueTask.FromResult<PollDelta?>(new PollDelta(pollId, DeltaBuckets.StartOf(first), now, votes, votes.Sum()));
    }

    protected override void Apply(StoredEvent stored) => DeltaReducer.Apply(stored, this);

    protected override void Forget() => Volatile.Write(ref _polls, NewPolls());

    protected override void Publish() => _polls.Publish();

    private protected override MemoryProjection CreateEmpty() => new MemoryDeltaProjection();

    private protected override void TakeState(MemoryProjection other) => Volatile.Write(ref _polls, ((MemoryDeltaProjection)other)._polls);

    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt) => _polls.TakePoll(pollId, ((MemoryDeltaProjection)rebuilt)._polls);

    // The buckets keep only the retention's net votes, not a poll's live votes: nothing here can be checked against the ledger.
    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId) => [];

    private protected override MemoryViewImage Capture()
    {
        var polls = _polls.Published();
        return new MemoryViewImage(Name, writer =>
        {
            writer.Write(polls.Length);
            foreach (var (pollId, snapshot) in polls)
            {
                writer.WriteGuid(pollId);
                writer.Write(snapshot.OptionCount);
                writer.Write(snapshot.ByBucket.Count);
                foreach (var (bucket, counts) in snapshot.ByBucket)
                {
                    writer.Write(bucket);
                    writer.WriteCounts(counts);
                }
            }
        });
    }

    private protected override void Load(BinaryReader reader)
    {
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var pollId = reader.ReadGuid();
            var optionCount = reader.ReadInt32();
            var buckets = ImmutableSortedDictionary.CreateBuilder<long, long[]>();
            for (var i = reader.ReadCount(); i > 0; i--)
            {
                var bucket = reader.ReadInt64();
                var counts = reader.ReadCounts();
                if (counts.Length != optionCount)
                {
                    throw new InvalidDataException($"Poll {pollId} has {optionCount} options and a bucket of {counts.Length} counts.");
                }
                buckets.Add(bucket, counts);
            }
            _polls.Start(pollId, new MemoryPollBuckets(new MemoryDeltaSnapshot(optionCount, buckets.ToImmutable())));
        }
        Publish();
    }

    void IDeltaSink.Start(Guid pollId, int optionCount) => _polls.Start(pollId, new MemoryPollBuckets(optionCount));

    void IDeltaSink.Count(Guid pollId, long bucket, int optionId, int change, long oldestKept)
    {
        if (_polls.TryChange(pollId, out var buckets))
        {
            buckets.Count(bucket, optionId, change, oldestKept);
        }
    }

    private static PerPollSnapshots<MemoryPollBuckets, MemoryDeltaSnapshot> NewPolls() => new(static (_, buckets) => buckets.Freeze());
}
