using Microsoft.IdentityModel.Tokens;

namespace Tally.Server.Auth;

/// <summary>An issuer whose tokens are accepted, with the one key that signs them and the one audience they must carry.</summary>
public sealed record TrustedIssuer(string Issuer, SecurityKey Key, string Audience);
