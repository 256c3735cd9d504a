namespace Tally.Views.Fraud;

/// <summary>What <see cref="FraudReducer"/> tells a fraud store to do; the store only holds the data.</summary>
internal interface IFraudSink
{
    /// <summary>
    /// The poll starts with no votes, replacing whatever was held under its id; <paramref name="closesAt"/> is its
    /// ClosedAt, else its EndTime. A <paramref name="forgotten"/> poll is known but keeps no votes.
    /// </summary>
    void Start(Guid pollId, DateTimeOffset? closesAt, bool forgotten);

    /// <summary>Keeps a vote of a known poll that is not forgotten, with the texts its keys stand for (null: unknown).</summary>
    void Record(Guid pollId, FraudVote vote, string? network, string? agent);

    /// <summary>Marks a kept vote as live again or no longer live.</summary>
    void Live(Guid pollId, Guid voteId, bool live);

    /// <summary>The poll closed at <paramref name="closedAt"/>; when <paramref name="forgotten"/>, its votes are dropped.</summary>
    void Close(Guid pollId, DateTimeOffset closedAt, bool forgotten);

    /// <summary>A voter's account registration, for every poll.</summary>
    void Register(ulong voter, FraudRegistration registration);
}
