namespace Tally.Views.VoterStatus;

/// <summary>What <see cref="VoterStatusReducer"/> tells a voter-status store to do; the store only holds the ballots.</summary>
internal interface IVoterStatusSink
{
    /// <summary>The voter's live ballot in the poll is now this one, whatever was held before.</summary>
    void Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt);

    /// <summary>The voter has no ballot in the poll.</summary>
    void Retracted(Guid pollId, string voterId);

    /// <summary>The voter's ballot <paramref name="voteId"/>, when it is the one held, stays held, retracted by an admin.</summary>
    void RetractedByAdmin(Guid pollId, string voterId, Guid voteId, DateTimeOffset retractedAt, string? reason);

    /// <summary>The voter's ballot <paramref name="voteId"/>, retracted by an admin, is live again.</summary>
    void Reinstated(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset castAt);
}
