namespace Tally.Domain.Ballots;

/// <summary>A vote a reinstatement left as it was, with a stable code (e.g. VOTED_AGAIN) and why.</summary>
public sealed record RefusedReinstatement(Guid VoteId, string Code, string Message);
