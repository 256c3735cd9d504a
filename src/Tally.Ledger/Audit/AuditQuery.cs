namespace Tally.Ledger.Audit;

/// <summary>
/// Which audit rows to read: of one poll (or of every poll and none), of one action, recorded at or after
/// <see cref="From"/> and before <see cref="To"/>, after row <see cref="After"/> (the cursor), oldest first, at most
/// <see cref="Limit"/>.
/// </summary>
public sealed record AuditQuery(Guid? PollId, string? Action, DateTimeOffset? From, DateTimeOffset? To, long After, int Limit);
