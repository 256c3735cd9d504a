using Tally.Domain.Events;

namespace Tally.Views.Results;

/// <summary>The one place that says what each event changes in the results, whichever store holds them.</summary>
internal static class ResultsReducer
{
    public static void Apply(StoredEvent stored, IResultsSink sink)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                sink.Start(poll.Id, new ResultsHeader(poll.OwnerId, poll.Options, poll.Settings.ResultsVisibility, poll.StartTime, poll.EndTime, poll.ClosedAt));
                break;
            case PollClosed closed:
                sink.Close(closed.PollId, closed.ClosedAt);
                break;
            case VoteCast cast:
                sink.Count(cast.PollId, cast.OptionId, +1);
                break;
            // A retraction takes the vote back from the option it was cast for, which the event carries.
            case VoteRetracted retracted:
                sink.Count(retracted.PollId, retracted.OptionId, -1);
                if (retracted.RetractedBy is not null)
                {
                    sink.ChangedByAdmin(retracted.PollId, retracted.RetractedAt);
                }
                break;
            case VoteReinstated reinstated:
                sink.Count(reinstated.PollId, reinstated.OptionId, +1);
                sink.ChangedByAdmin(reinstated.PollId, reinstated.ReinstatedAt);
                break;
        }
    }
}
