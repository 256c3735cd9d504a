namespace Tally.Views.VoterStatus;

/// <summary>A voter's live vote in a poll, as the views know it.</summary>
public sealed record VoterBallot(Guid VoteId, int OptionId, DateTimeOffset VotedAt);
