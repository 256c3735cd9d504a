namespace Tally.Domain.Events;

/// <summary>An admin grant withdrawn. Not about any poll: its poll id is <see cref="Guid.Empty"/>.</summary>
public sealed record AdminRevoked(string VoterId, string RevokedBy, DateTimeOffset RevokedAt) : LedgerEvent(Guid.Empty);
