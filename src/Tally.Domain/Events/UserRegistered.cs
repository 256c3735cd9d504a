namespace Tally.Domain.Events;

/// <summary>An own account created: its voter id and when, so fraud review can tell how old an account was when it voted. Not about any poll.</summary>
public sealed record UserRegistered(string VoterId, DateTimeOffset RegisteredAt) : LedgerEvent(Guid.Empty);
