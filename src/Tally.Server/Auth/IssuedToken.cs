namespace Tally.Server.Auth;

/// <summary>A bearer token and how many seconds it lives.</summary>
public sealed record IssuedToken(string AccessToken, int ExpiresIn);
