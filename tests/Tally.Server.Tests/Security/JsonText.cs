using System.Globalization;
using System.Text;

namespace Tally.Server.Tests.Security;

/// <summary>
/// A JSON string literal for any .NET string, lone surrogates included: every character outside printable ASCII is
/// written as a \uXXXX escape, which a serializer would refuse to produce for broken UTF-16.
/// </summary>
public static class JsonText
{
    public static string Quote(string text)
    {
        var json = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                json.Append(c);
            }
            else
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return json.Append('"').ToString();
    }
}
