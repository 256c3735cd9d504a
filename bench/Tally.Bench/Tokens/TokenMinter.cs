using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Bench.Tokens;

/// <summary>Mints HS256 tokens as the "bench" identity provider. Not thread-safe: use one per thread.</summary>
public sealed class TokenMinter
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly DateTime _expires = DateTime.UtcNow.AddHours(2);

    public TokenMinter(byte[] key)
    {
        _credentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256);
    }

    public string Mint(string subject) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BenchIssuer.Issuer,
            Audience = BenchIssuer.Audience,
            Expires = _expires,
            Claims = new Dictionary<string, object> { ["sub"] = subject },
            SigningCredentials = _credentials,
        });
}
