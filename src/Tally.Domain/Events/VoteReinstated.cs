namespace Tally.Domain.Events;

/// <summary>An admin's retraction reversed: the vote is live again, for the option and region it was cast with.</summary>
public sealed record VoteReinstated(
    Guid VoteId,
    Guid PollId,
    string VoterId,
    int OptionId,
    string? Region,
    DateTimeOffset CastAt,
    string ReinstatedBy,
    DateTimeOffset ReinstatedAt)
    : LedgerEvent(PollId);
