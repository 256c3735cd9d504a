namespace Tally.Ledger.Audit;

/// <summary>One audit row as kept: who did what, when, to which poll and vote, from where.</summary>
public sealed record AuditEntry(
    long AuditId,
    DateTimeOffset At,
    string Actor,
    string Action,
    Guid? PollId,
    Guid? VoteId,
    string? IpAddress,
    string? UserAgent,
    string? Detail);
