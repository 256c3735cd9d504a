namespace Tally.Views.VoterStatus;

/// <summary>
/// A voter's vote in a poll, as the views know it: live, or retracted by an admin (<see cref="RetractedAt"/> and the
/// admin's <see cref="RetractionReason"/> set) until the voter votes again.
/// </summary>
public sealed record VoterBallot(Guid VoteId, int OptionId, DateTimeOffset VotedAt, DateTimeOffset? RetractedAt = null, string? RetractionReason = null)
{
    /// <summary>The vote counts: the voter has voted. False for a vote an admin retracted.</summary>
    public bool IsLive => RetractedAt is null;
}
