namespace Tally.Server.Contracts;

public sealed record CredentialsRequest(string? Username, string? Password);

public sealed record TokenResponse(string UserId, string Username, string AccessToken, string TokenType, int ExpiresIn);

/// <summary>A browser session: the token itself stays in the HttpOnly cookie; <see cref="CsrfToken"/> goes in X-CSRF-Token on writes.</summary>
public sealed record SessionResponse(string UserId, string Username, bool IsAdmin, string CsrfToken, int ExpiresIn);
