namespace Tally.Domain.Ballots;

/// <summary>What an admin's bulk retraction did (or, when <see cref="DryRun"/>, would do). <see cref="Replayed"/>: answered from an earlier request with the same Idempotency-Key.</summary>
public sealed record BulkRetraction(Guid PollId, bool DryRun, DateTimeOffset At, string Reason, IReadOnlyList<AffectedVote> Votes, bool Replayed = false);
