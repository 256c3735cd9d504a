namespace Tally.Domain.Commands;

/// <summary>An admin reverses admin retractions: each vote is live again unless its voter has voted since.</summary>
public sealed record ReinstateVotes(
    Guid PollId, IReadOnlyList<Guid> VoteIds, string Reason, string AdminId, string? IdempotencyKey, ClientInfo Client);
