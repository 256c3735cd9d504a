using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.Delta;

/// <summary>Net votes per option in fixed time buckets, for "what changed in the last N minutes", republished per changed poll per batch.</summary>
public sealed class MemoryDeltaProjection : MemoryProjection, IDeltaView, IDeltaSink
{
    private readonly PerPollSnapshots<MemoryPollBuckets, MemoryDeltaSnapshot> _polls = new(static (_, buckets) => buckets.Freeze());

    public override string Name => "delta";

    public ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        if (_polls.Snapshot(pollId) is not { } snapshot)
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

    protected override void Forget() => _polls.Clear();

    protected override void Publish() => _polls.Publish();

    void IDeltaSink.Start(Guid pollId, int optionCount) => _polls.Start(pollId, new MemoryPollBuckets(optionCount));

    void IDeltaSink.Count(Guid pollId, long bucket, int optionId, int change, long oldestKept)
    {
        if (_polls.TryChange(pollId, out var buckets))
        {
            buckets.Count(bucket, optionId, change, oldestKept);
        }
    }
}
