using Microsoft.Extensions.Options;

namespace Tally.Server.Headers;

/// <summary>
/// Each <c>Tally:Cors:AllowedOrigins</c> entry must be an origin exactly as a browser sends it: http or https, a host,
/// a port only when not the default, and nothing after. Anything else ("*", a trailing slash, a path) would either open
/// the API to every site or never match.
/// </summary>
public sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!IsOrigin(origin))
            {
                failures.Add($"{CrossOriginOptions.Section}:AllowedOrigins:{i} is '{origin}'; use an origin such as https://vote.example.org (http or https, a host, a port only when not the default, no path).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
}
