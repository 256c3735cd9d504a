using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>
/// Tally's own issuer and the configured external ones, checked once at start: every issuer named, none twice, and none
/// taking Tally's own name (its tokens would then speak for Tally's users).
/// </summary>
public sealed class TrustedIssuers
{
    private readonly Dictionary<string, TrustedIssuer> _byName = new(StringComparer.Ordinal);

    public TrustedIssuers(AuthOptions options, byte[] ownKey)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidOperationException("Tally:Auth:Issuer and Tally:Auth:Audience must not be empty.");
        }
        Local = new TrustedIssuer(options.Issuer, new SymmetricSecurityKey(ownKey) { KeyId = options.Issuer }, options.Audience);
        _byName.Add(Local.Issuer, Local);
        for (var i = 0; i < options.ExternalIssuers.Count; i++)
        {
            var external = options.ExternalIssuers[i];
            var key = $"Tally:Auth:ExternalIssuers:{i}:Issuer";
            if (string.IsNullOrWhiteSpace(external.Issuer))
            {
                throw new InvalidOperationException($"{key} is empty: every external issuer needs its name.");
            }
            if (external.Issuer == options.Issuer)
            {
                throw new InvalidOperationException(
                    $"{key} is '{external.Issuer}', the name of Tally's own issuer (Tally:Auth:Issuer): give the external issuer its own name.");
            }
            if (_byName.ContainsKey(external.Issuer))
            {
                throw new InvalidOperationException($"{key} names '{external.Issuer}' a second time.");
            }
            var signingKey = new SymmetricSecurityKey(SigningKeyFile.DecodeKey(external.Key, $"Tally:Auth:ExternalIssuers:{i}:Key")) { KeyId = external.Issuer };
            _byName.Add(external.Issuer, new TrustedIssuer(
                external.Issuer, signingKey, string.IsNullOrWhiteSpace(external.Audience) ? options.Audience : external.Audience));
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
