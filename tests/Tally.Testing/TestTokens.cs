using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Testing;

/// <summary>HS256 tokens with whatever issuer, audience and extra claims a test needs, as an identity provider (or an attacker) would sign them.</summary>
public static class TestTokens
{
    /// <summary>The external identity provider every test node trusts; its voters are "test-idp:{subject}".</summary>
    public const string ExternalIssuer = "test-idp";

    public static string Mint(byte[] key, string issuer, string subject, string audience = "tally",
        IDictionary<string, object>? claims = null, DateTime? expires = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A voter token from <see cref="ExternalIssuer"/>, signed with its key.</summary>
    public static string Voter(byte[] key, string subject) => Mint(key, ExternalIssuer, subject);

    public static string VoterIdOf(string subject) => $"{ExternalIssuer}:{subject}";

    /// <summary>The settings that make a node trust <see cref="ExternalIssuer"/> with this key.</summary>
    public static string[] IssuerSettings(byte[] key) =>
    [
        $"--Tally:Auth:ExternalIssuers:0:Issuer={ExternalIssuer}",
        $"--Tally:Auth:ExternalIssuers:0:Key={Convert.ToBase64String(key)}",
    ];
}
