using System.Globalization;
using System.Text;

namespace Tally.Server.Documentation;

/// <summary>An operation's id, made from its summary ("Cast a vote" is castVote), so the two cannot disagree.</summary>
public static class OperationNames
{
    private static readonly HashSet<string> Articles = new(StringComparer.OrdinalIgnoreCase) { "a", "an", "the" };

    public static string? FromSummary(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return null;
        }
        var id = new StringBuilder();
        var words = summary.Split((char[])[' ', '\'', '-', ',', '/', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Where(w => !Articles.Contains(w)))
        {
            id.Append(id.Length == 0 ? word.ToLower(CultureInfo.InvariantCulture) : char.ToUpperInvariant(word[0]) + word[1..]);
        }
        return id.ToString();
    }
}
