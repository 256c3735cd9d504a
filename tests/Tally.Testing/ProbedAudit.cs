namespace Tally.Testing;

/// <summary>An audit row as stored.</summary>
public sealed record ProbedAudit(string Actor, string Action, Guid? PollId, Guid? VoteId, string? Detail, string? IpAddress, string? UserAgent);
