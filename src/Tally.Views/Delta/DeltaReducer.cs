using Tally.Domain.Events;

namespace Tally.Views.Delta;

/// <summary>The one place that says what each event changes in the delta view, whichever store holds it.</summary>
internal static class DeltaReducer
{
    public static void Apply(StoredEvent stored, IDeltaSink sink)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                sink.Start(poll.Id, poll.Options.Count);
                break;
            case VoteCast cast:
                Count(sink, cast.PollId, cast.RecordedAt, cast.OptionId, +1);
                break;
            // A retraction counts against its option when it happened, not when the vote it takes back was cast; so does
            // a reinstatement, for it.
            case VoteRetracted retracted:
                Count(sink, retracted.PollId, retracted.RetractedAt, retracted.OptionId, -1);
                break;
            case VoteReinstated reinstated:
                Count(sink, reinstated.PollId, reinstated.ReinstatedAt, reinstated.OptionId, +1);
                break;
        }
    }

    private static void Count(IDeltaSink sink, Guid pollId, DateTimeOffset at, int optionId, int change)
    {
        var bucket = DeltaBuckets.BucketOf(at);
        sink.Count(pollId, bucket, optionId, change, DeltaBuckets.OldestKeptWith(bucket));
    }
}
