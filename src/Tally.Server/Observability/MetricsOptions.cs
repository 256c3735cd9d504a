using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Tally.Server.Observability;

/// <summary>Bound from <c>Tally:Metrics</c>; checked at start.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Tally:Metrics";

    /// <summary>
    /// Where <c>/metrics</c> answers without a token, e.g. <c>http://127.0.0.1:9464</c> (several separated by <c>;</c>).
    /// Empty: no such listener, and <c>/metrics</c> is only for admins on the service's own port.
    /// </summary>
    public string Urls { get; set; } = "";

    /// <summary>Lets <see cref="Urls"/> name an address other than loopback: anyone who reaches it reads the metrics.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>The listener's URLs, each with its explicit port.</summary>
    public IReadOnlyList<Uri> Listeners() =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/"
                || !url.Contains($":{uri.Port}", StringComparison.Ordinal) || uri.Port == 0)
            {
                yield return new ValidationResult($"{Section}:Urls must be http:// URLs with an explicit port other than 0 and no path; '{url}' is not.");
            }
            else if (!AllowRemote && !IsLoopback(uri))
            {
                yield return new ValidationResult(
                    $"{Section}:Urls serves metrics without a token, so it must be a loopback address ('{url}' is not); set {Section}:AllowRemote to true to expose it.");
            }
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
