namespace Tally.Ledger.Admins;

/// <summary>A live admin grant: who holds it, who gave it, when.</summary>
public sealed record AdminGrant(string VoterId, string GrantedBy, DateTimeOffset GrantedAt);
