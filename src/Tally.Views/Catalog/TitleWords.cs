using System.Text;

namespace Tally.Views.Catalog;

/// <summary>
/// The one rule for what the words of a title (or of a search) are, shared by every catalogue store: runs of letters
/// and digits, lower-cased with the invariant culture, so "Pizza-Night, 2030!" is "pizza", "night", "2030".
/// </summary>
public static class TitleWords
{
    /// <summary>
    /// The longest word prefix an index holds. A title adds at most this many prefixes per word; a longer search word
    /// is looked up by its first this-many characters and then checked against the candidates' long words.
    /// </summary>
    public const int MaxIndexedPrefix = 16;

    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(buffer[..Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer)]);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Every distinct prefix a title is indexed under: the first 1 to <see cref="MaxIndexedPrefix"/> characters of each word.</summary>
    public static IReadOnlySet<string> IndexedPrefixes(string title)
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Split(title))
        {
            for (var length = 1; length <= Math.Min(word.Length, MaxIndexedPrefix); length++)
            {
                if (!char.IsHighSurrogate(word[length - 1]))
                {
                    prefixes.Add(word[..length]);
                }
            }
        }
        return prefixes;
    }

    /// <summary>The prefix a search word is looked up by: the word itself, or its first <see cref="MaxIndexedPrefix"/> characters.</summary>
    public static string IndexKey(string word)
    {
        if (!IsLong(word))
        {
            return word;
        }
        // Never cut a character in two: the index holds no prefix ending half-way through one.
        var length = char.IsHighSurrogate(word[MaxIndexedPrefix - 1]) ? MaxIndexedPrefix - 1 : MaxIndexedPrefix;
        return word[..length];
    }

    /// <summary>Whether a word is longer than the indexes hold, so a search for it must check the title itself.</summary>
    public static bool IsLong(string word) => word.Length > MaxIndexedPrefix;

    /// <summary>The words of a title too long to be found by their indexed prefix alone.</summary>
    public static IReadOnlyList<string> LongWords(string title) => Split(title).Where(IsLong).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether some word of <paramref name="words"/> starts with <paramref name="searchWord"/>.</summary>
    public static bool AnyStartsWith(IEnumerable<string> words, string searchWord) =>
        words.Any(w => w.StartsWith(searchWord, StringComparison.Ordinal));
}
