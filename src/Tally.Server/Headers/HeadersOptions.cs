namespace Tally.Server.Headers;

/// <summary>Bound from <c>Tally:Headers</c>.</summary>
public sealed class HeadersOptions
{
    public const string Section = "Tally:Headers";

    /// <summary>Send Strict-Transport-Security; only for a deployment served over HTTPS (usually by a proxy in front).</summary>
    public bool Hsts { get; set; }

    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
