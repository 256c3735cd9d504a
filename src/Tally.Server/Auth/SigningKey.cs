using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>The service's own HS256 key, loaded once at start.</summary>
public sealed record SigningKey(SymmetricSecurityKey SecurityKey);
