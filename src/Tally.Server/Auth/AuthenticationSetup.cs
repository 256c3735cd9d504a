using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

public static class AuthenticationSetup
{
    /// <summary>How far token lifetimes stretch for clocks out of step, on the full path and the lean one alike.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bearer authentication for Tally's own HS256 tokens and those of configured external issuers, from the
    /// <see cref="AuthOptions"/> the caller configured (checked at start) and the own key <paramref name="ownKey"/> gives.
    /// Public so the benchmark's baseline endpoint pays exactly the same validation cost.
    /// </summary>
    public static IServiceCollection AddTallyAuthentication(this IServiceCollection services, Func<AuthOptions, byte[]> ownKey)
    {
        services.AddOptions<AuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new SigningKey(new SymmetricSecurityKey(ownKey(auth)) { KeyId = auth.Issuer });
        });
        services.AddSingleton<TrustedIssuers>();
        services.AddSingleton<LeanTokenValidator>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // JwtBearer's scheme and options as they are, served by its handler with the lean path in front.
        services.AddTransient<TallyBearerHandler>();
        services.Configure<AuthenticationOptions>(auth => auth.SchemeMap[JwtBearerDefaults.AuthenticationScheme].HandlerType = typeof(TallyBearerHandler));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TrustedIssuers>((jwt, issuers) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = issuers.All.Select(i => i.Issuer).ToArray(),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                // Each issuer's tokens must be signed with that issuer's key and carry that issuer's audience, never another's.
                IssuerSigningKeyResolver = (_, token, _, _) =>
                    token is JsonWebToken t && issuers.Find(t.Issuer) is { } issuer ? [issuer.Key] : [],
                AudienceValidator = (audiences, token, _) =>
                    token is JsonWebToken t && issuers.Find(t.Issuer) is { } issuer && audiences.Contains(issuer.Audience, StringComparer.Ordinal),
                RequireExpirationTime = true,
                ClockSkew = ClockSkew,
            };
            jwt.Events = new JwtBearerEvents
            {
                // Without an Authorization header the browser session's cookie is the token, validated the same way.
                OnMessageReceived = context =>
                {
                    context.Token = SessionCookie.TokenOf(context.Request);
                    return Task.CompletedTask;
                },
                OnTokenValidated = context => IdentifyVoter(context, issuers),
            };
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Replaces the token's claims with the voter its issuer and subject name. Nothing else a token carries (a voter claim
    /// of Tally's own name, "name", roles, scopes) survives to be read by anyone.
    /// </summary>
    private static Task IdentifyVoter(TokenValidatedContext context, TrustedIssuers issuers)
    {
        var token = (JsonWebToken)context.SecurityToken;
        if (!token.TryGetPayloadValue<string>("sub", out var subject) || string.IsNullOrEmpty(subject))
        {
            context.Fail("The token has no subject.");
            return Task.CompletedTask;
        }
        context.Principal = VoterIdentity.Principal(issuers.VoterIdOf(token.Issuer, subject));
        return Task.CompletedTask;
    }
}
