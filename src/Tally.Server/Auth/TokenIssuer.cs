using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>Mints Tally's own bearer tokens for registered users.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> auth, SigningKey key, TimeProvider clock)
{
    private readonly AuthOptions _options = auth.Value;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(key.SecurityKey, SecurityAlgorithms.HmacSha256);

    public IssuedToken Issue(string userId, string username)
    {
        var now = clock.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.TokenLifetime).UtcDateTime,
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", username)]),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), (int)_options.TokenLifetime.TotalSeconds);
    }
}
