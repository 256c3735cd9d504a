using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>Tally's own issuer and the configured external ones (checked at start by <see cref="AuthOptionsValidator"/>).</summary>
public sealed class TrustedIssuers
{
    private readonly Dictionary<string, TrustedIssuer> _byName = new(StringComparer.Ordinal);

    public TrustedIssuers(IOptions<AuthOptions> options, SigningKey ownKey)
    {
        var auth = options.Value;
        Local = new TrustedIssuer(auth.Issuer, ownKey.SecurityKey, auth.Audience);
        _byName.Add(Local.Issuer, Local);
        for (var i = 0; i < auth.ExternalIssuers.Count; i++)
        {
            var external = auth.ExternalIssuers[i];
            var signingKey = new SymmetricSecurityKey(SigningKeyFile.DecodeKey(external.Key, $"Tally:Auth:ExternalIssuers:{i}:Key")) { KeyId = external.Issuer };
            _byName.Add(external.Issuer, new TrustedIssuer(
                external.Issuer, signingKey, string.IsNullOrWhiteSpace(external.Audience) ? auth.Audience : external.Audience));
        }
        ExternalNames = _byName.Keys.Where(name => name != Local.Issuer).ToArray();
    }

    public TrustedIssuer Local { get; }

    public IReadOnlyList<string> ExternalNames { get; }

    public IEnumerable<TrustedIssuer> All => _byName.Values;

    public TrustedIssuer? Find(string issuer) => _byName.GetValueOrDefault(issuer);

    /// <summary>The voter a validated token's issuer and subject name: the only thing that decides who a caller is.</summary>
    public string VoterIdOf(string issuer, string subject) => Domain.Voters.VoterIds.Of(issuer, Local.Issuer, subject);
}
