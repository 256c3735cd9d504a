namespace Tally.Views.VoterStatus;

/// <summary>What <see cref="VoterStatusReducer"/> tells a voter-status store to do; the store only holds the ballots.</summary>
internal interface IVoterStatusSink
{
    /// <summary>The voter's live ballot in the poll is now this one, whatever was held before.</summary>
    void Voted(Guid pollId, string voterId, Guid voteId, int optionId, DateTimeOffset votedAt);

    /// <summary>The voter has no live ballot in the poll.</summary>
    void Retracted(Guid pollId, string voterId);
}
