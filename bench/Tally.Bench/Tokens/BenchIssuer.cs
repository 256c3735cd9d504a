using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Tally.Server.Auth;

namespace Tally.Bench.Tokens;

/// <summary>The external identity provider the bench pretends to be when minting voter tokens.</summary>
public static class BenchIssuer
{
    public const string Issuer = "bench";
    public const string Audience = "tally";

    /// <summary>
    /// Tally's authentication as a launched Tally ends up with it (defaults plus the bench issuer from the environment),
    /// rebuilt in-process so the baseline and the validation probe validate exactly as Tally does.
    /// </summary>
    public static IServiceCollection AddTallyAuthentication(IServiceCollection services, string keyBase64)
    {
        services.Configure<AuthOptions>(auth => auth.ExternalIssuers.Add(new ExternalIssuer { Issuer = Issuer, Key = keyBase64, Audience = Audience }));
        // Tally's own key is irrelevant here (only bench tokens arrive) but must exist, as in Tally.
        return services.AddTallyAuthentication(_ => RandomNumberGenerator.GetBytes(64));
    }
}
