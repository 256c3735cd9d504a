namespace Tally.Domain.Commands;

/// <summary>
/// An admin's soft retraction of many votes at once, each recorded with the reason. A dry run only says which. A
/// selection matching more than <see cref="MaxVotes"/> live votes is refused whole (SELECTION_TOO_LARGE).
/// </summary>
public sealed record RetractVotes(
    Guid PollId, VoteSelection Selection, string Reason, string AdminId, bool DryRun, string? IdempotencyKey, ClientInfo Client, int MaxVotes);
