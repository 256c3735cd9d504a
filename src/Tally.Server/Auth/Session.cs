namespace Tally.Server.Auth;

/// <summary>A signed-in user and the token that proves it.</summary>
public sealed record Session(string UserId, string Username, IssuedToken Token);
