namespace Tally.Domain.Events;

/// <summary>A voter made an admin by another admin. Not about any poll: its poll id is <see cref="Guid.Empty"/>.</summary>
public sealed record AdminGranted(string VoterId, string GrantedBy, DateTimeOffset GrantedAt) : LedgerEvent(Guid.Empty);
