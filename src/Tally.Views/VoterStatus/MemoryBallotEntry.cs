namespace Tally.Views.VoterStatus;

/// <summary>
/// One version of a voter's ballot in a poll, as written by batch <see cref="Batch"/> (option 0: no ballot, retracted),
/// with the slot of the version readers saw before it, the voter's number in <see cref="MemoryVoterIds"/> and, for a
/// ballot an admin retracted, its retraction's number + 1 in <see cref="MemoryRetractions"/> (0: live). Held by value in
/// a poll's table, with no reference in it: no object per vote, and nothing in the table for the collector to follow.
/// </summary>
internal readonly record struct MemoryBallotEntry(long VotedAtUtcTicks, long Batch, Guid VoteId, int Voter, int OptionId, int Older, int Retraction = 0)
{
    /// <summary>The voter had no ballot before this version.</summary>
    public const int NoOlder = -1;

    /// <summary>Older versions were dropped, as no reader needs them any more.</summary>
    public const int OlderDropped = -2;

    /// <summary>The voter has a ballot: live, or held back by an admin's retraction.</summary>
    public bool HasBallot => OptionId != 0;

    public bool IsLive => HasBallot && Retraction == 0;
}
