using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Server.Endpoints;

/// <summary>Instants as the API accepts them: RFC 3339 only, a full date and time with an offset, never one the server's own time zone would complete.</summary>
public static partial class Rfc3339Instant
{
    /// <returns>False when <paramref name="text"/> is given but not such an instant; null text is no instant, and true.</returns>
    public static bool TryRead(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }
        if (!Pattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        instant = parsed;
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
