namespace Tally.Domain.Ballots;

/// <summary>What an admin's reinstatement did: the votes live again, and those it left (with why).</summary>
public sealed record Reinstatement(
    Guid PollId, DateTimeOffset At, IReadOnlyList<AffectedVote> Reinstated, IReadOnlyList<RefusedReinstatement> Refused, bool Replayed = false);
