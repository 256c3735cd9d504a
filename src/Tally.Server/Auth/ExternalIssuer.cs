namespace Tally.Server.Auth;

/// <summary>One <c>Tally:Auth:ExternalIssuers:N</c> entry.</summary>
public sealed class ExternalIssuer
{
    public string Issuer { get; set; } = "";

    /// <summary>Base64 HS256 key, at least 32 bytes.</summary>
    public string Key { get; set; } = "";

    /// <summary>The audience this issuer's tokens must carry (its own, not another issuer's); Tally's audience when empty.</summary>
    public string? Audience { get; set; }
}
