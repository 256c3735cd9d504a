namespace Tally.Server.Auth;

/// <summary>Bound from the <c>Tally:Auth</c> configuration section; checked at start by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Tally:Auth";

    /// <summary>Issuer written into and required of Tally's own tokens.</summary>
    public string Issuer { get; set; } = "tally";

    /// <summary>Audience of Tally's own tokens, and of an external issuer's that names none.</summary>
    public string Audience { get; set; } = "tally";

    /// <summary>Base64 HS256 key (at least 32 bytes). When empty, one is generated into the data folder on first start.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Folder of the keys that protect browser sessions' anti-forgery tokens; nodes behind one address share it. When
    /// empty, "session-keys" in the data folder.
    /// </summary>
    public string? SessionKeysPath { get; set; }

    /// <summary>Identity providers whose HS256 tokens are accepted; each voter of theirs is known by issuer and subject.</summary>
    public List<ExternalIssuer> ExternalIssuers { get; set; } = [];

    /// <summary>Voters who are admins whatever the ledger says; the ledger adds those granted at run time.</summary>
    public List<ConfiguredAdmin> Admins { get; set; } = [];
}
