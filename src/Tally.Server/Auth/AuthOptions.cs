namespace Tally.Server.Auth;

/// <summary>Bound from the <c>Tally:Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Tally:Auth";

    /// <summary>Issuer written into and required of Tally's own tokens.</summary>
    public string Issuer { get; set; } = "tally";

    /// <summary>Audience of every accepted token, Tally's own and external ones alike unless an external issuer says otherwise.</summary>
    public string Audience { get; set; } = "tally";

    /// <summary>Base64 HS256 key (at least 32 bytes). When empty, one is generated into the data folder on first start.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Identity providers whose HS256 tokens are accepted; their voters are named "issuer:subject".</summary>
    public List<ExternalIssuer> ExternalIssuers { get; set; } = [];
}

public sealed class ExternalIssuer
{
    public string Issuer { get; set; } = "";

    /// <summary>Base64 HS256 key, at least 32 bytes.</summary>
    public string Key { get; set; } = "";

    /// <summary>Audience required of this issuer's tokens; the global audience when empty.</summary>
    public string? Audience { get; set; }
}
