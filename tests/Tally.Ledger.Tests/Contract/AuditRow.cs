namespace Tally.Ledger.Tests.Contract;

/// <summary>An audit entry as stored.</summary>
public sealed record AuditRow(string Actor, string Action, Guid? VoteId, string? IpAddress, string? UserAgent);
