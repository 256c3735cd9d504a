using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// Bearer authentication for Tally's own HS256 tokens and those of configured external issuers.
    /// Public so the benchmark's baseline endpoint pays exactly the same validation cost.
    /// </summary>
    public static IServiceCollection AddTallyAuthentication(this IServiceCollection services, AuthOptions options, byte[] ownKey)
    {
        var ownSigningKey = new SymmetricSecurityKey(ownKey) { KeyId = options.Issuer };
        var issuers = new List<string> { options.Issuer };
        var audiences = new List<string> { options.Audience };
        var keys = new List<SecurityKey> { ownSigningKey };
        foreach (var external in options.ExternalIssuers)
        {
            if (string.IsNullOrWhiteSpace(external.Issuer))
            {
                throw new InvalidOperationException("Every Tally:Auth:ExternalIssuers entry needs an Issuer.");
            }
            issuers.Add(external.Issuer);
            audiences.Add(string.IsNullOrEmpty(external.Audience) ? options.Audience : external.Audience);
            keys.Add(new SymmetricSecurityKey(SigningKeyFile.DecodeKey(external.Key, $"Tally:Auth:ExternalIssuers ({external.Issuer})"))
            {
                KeyId = external.Issuer,
            });
        }
        var keysByIssuer = new Dictionary<string, SecurityKey[]>(StringComparer.Ordinal);
        for (var i = 0; i < issuers.Count; i++)
        {
            keysByIssuer[issuers[i]] = [keys[i]];
        }

        services.AddSingleton(new SigningKey(ownSigningKey));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = issuers,
                    ValidAudiences = audiences,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    // Each issuer's tokens must be signed with that issuer's key, never another's.
                    IssuerSigningKeyResolver = (_, token, _, _) =>
                        token is JsonWebToken jwtToken && keysByIssuer.TryGetValue(jwtToken.Issuer, out var k) ? k : [],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "name",
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var principal = context.Principal!;
                        var subject = principal.FindFirstValue("sub");
                        var issuer = principal.FindFirstValue("iss");
                        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(issuer))
                        {
                            context.Fail("The token has no subject.");
                            return Task.CompletedTask;
                        }
                        ((ClaimsIdentity)principal.Identity!).AddClaim(
                            new Claim(VoterIdentity.ClaimType, VoterIdentity.Of(issuer, options.Issuer, subject)));
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}
