namespace Tally.Server.Contracts;

/// <summary>An admin: <c>source</c> is "configuration" (named in Tally:Auth:Admins, revocable only there) or "grant".</summary>
public sealed record AdminResponse(string VoterId, string Source, string? GrantedBy, DateTimeOffset? GrantedAt);

public sealed record AdminListResponse(IReadOnlyList<AdminResponse> Admins);

/// <summary><c>changed</c> is false when the voter already was (or already was not) an admin; then no event was appended.</summary>
public sealed record AdminChangeResponse(string VoterId, bool IsAdmin, bool Changed, long? Sequence);
