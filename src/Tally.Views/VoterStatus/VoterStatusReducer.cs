using Tally.Domain.Events;

namespace Tally.Views.VoterStatus;

/// <summary>The one place that says how a voter's status changes with each event, whichever store holds it.</summary>
internal static class VoterStatusReducer
{
    public static void Apply(StoredEvent stored, IVoterStatusSink sink)
    {
        switch (stored.Event)
        {
            case VoteCast cast:
                sink.Voted(cast.PollId, cast.VoterId, cast.VoteId, cast.OptionId, cast.RecordedAt);
                break;
            case VoteRetracted retracted:
                sink.Retracted(retracted.PollId, retracted.VoterId);
                break;
        }
    }
}
