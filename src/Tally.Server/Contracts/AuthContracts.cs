namespace Tally.Server.Contracts;

public sealed record CredentialsRequest(string? Username, string? Password);

public sealed record TokenResponse(string UserId, string Username, string AccessToken, string TokenType, int ExpiresIn);
