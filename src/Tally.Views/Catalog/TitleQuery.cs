namespace Tally.Views.Catalog;

/// <summary>
/// A title search: a poll matches when every word of the search is a prefix of some word of its title (words as
/// <see cref="TitleWords"/> reads them). Stores answer it from word-prefix indexes: every match is under each of
/// <see cref="IndexKeys"/>, and <see cref="LongWords"/> are the search words those entries cannot settle alone.
/// </summary>
public sealed class TitleQuery
{
    /// <summary>Each word is one more index to intersect, so a search has at most this many.</summary>
    public const int MaxWords = 8;

    private TitleQuery(IReadOnlyList<string> words)
    {
        Words = words;
        var keys = words.Select(TitleWords.IndexKey).Distinct(StringComparer.Ordinal).ToArray();
        // A key that begins another key adds nothing: everything under the longer one is under it too.
        IndexKeys = keys.Where(k => !keys.Any(other => other.Length > k.Length && other.StartsWith(k, StringComparison.Ordinal))).ToArray();
        LongWords = words.Where(TitleWords.IsLong).ToArray();
    }

    /// <summary>The distinct words searched for.</summary>
    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<string> IndexKeys { get; }

    public IReadOnlyList<string> LongWords { get; }

    /// <summary>No words at all (blank or only punctuation): the search lists every poll.</summary>
    public bool IsEmpty => Words.Count == 0;

    public static TitleQuery Parse(string? text) =>
        new(text is null ? [] : TitleWords.Split(text).Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>Whether a title already found under every index key matches the long words too.</summary>
    public bool MatchesLongWords(string title)
    {
        if (LongWords.Count == 0)
        {
            return true;
        }
        var titleWords = TitleWords.LongWords(title);
        return LongWords.All(word => TitleWords.AnyStartsWith(titleWords, word));
    }
}
