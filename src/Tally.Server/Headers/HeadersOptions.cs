using System.ComponentModel.DataAnnotations;

namespace Tally.Server.Headers;

/// <summary>Bound from <c>Tally:Headers</c>; checked at start against its annotations.</summary>
public sealed class HeadersOptions
{
    public const string Section = "Tally:Headers";

    /// <summary>Send Strict-Transport-Security; only for a deployment served over HTTPS (usually by a proxy in front).</summary>
    public bool Hsts { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ErrorMessage = Section + ":HstsMaxAge must be from 00:00:00 to 3650.00:00:00.")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
