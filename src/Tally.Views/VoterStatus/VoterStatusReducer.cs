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
            // An admin's retraction stays visible to the voter, with its reason, until they vote again; their own does not.
            case VoteRetracted { RetractedBy: not null } retracted:
                sink.RetractedByAdmin(retracted.PollId, retracted.VoterId, retracted.VoteId, retracted.RetractedAt, retracted.Reason);
                break;
            case VoteRetracted retracted:
                sink.Retracted(retracted.PollId, retracted.VoterId);
                break;
            case VoteReinstated reinstated:
                sink.Reinstated(reinstated.PollId, reinstated.VoterId, reinstated.VoteId, reinstated.OptionId, reinstated.CastAt);
                break;
        }
    }
}
