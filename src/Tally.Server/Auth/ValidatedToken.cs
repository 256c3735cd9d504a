namespace Tally.Server.Auth;

/// <summary>What a bearer token that passed validation says: whose it is and when it is valid (nbf, when it has one).</summary>
public readonly record struct ValidatedToken(string VoterId, DateTime Expires, DateTime? NotBefore);
