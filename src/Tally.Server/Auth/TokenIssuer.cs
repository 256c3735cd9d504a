using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>Mints Tally's own bearer tokens for registered users.</summary>
public sealed class TokenIssuer(AuthOptions options, SigningKey key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(key.SecurityKey, SecurityAlgorithms.HmacSha256);

    public IssuedToken Issue(string userId, string username)
    {
        var now = clock.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.TokenLifetime).UtcDateTime,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", username)]),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), (int)options.TokenLifetime.TotalSeconds);
    }
}
