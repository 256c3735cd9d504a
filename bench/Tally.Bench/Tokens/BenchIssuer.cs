using Tally.Server.Auth;

namespace Tally.Bench.Tokens;

/// <summary>The external identity provider the bench pretends to be when minting voter tokens.</summary>
public static class BenchIssuer
{
    public const string Issuer = "bench";
    public const string Audience = "tally";

    /// <summary>
    /// The auth configuration a launched Tally ends up with (defaults plus the bench issuer from the environment),
    /// rebuilt in-process so the baseline and the validation probe validate exactly as Tally does.
    /// </summary>
    public static AuthOptions TallyAuthOptions(string keyBase64) => new()
    {
        ExternalIssuers = [new ExternalIssuer { Issuer = Issuer, Key = keyBase64, Audience = Audience }],
    };
}
