namespace Tally.Bench.Catalog;

/// <summary>
/// Made-up poll titles and searches, the same in every run: pronounceable words used by Zipf's law (a few words are in
/// a large share of the titles, most are rare), 3 to 7 words a title. A search word is the first letters of a word
/// drawn by the same law, so searches hit common words as often as real ones would.
/// </summary>
public sealed class TitleVocabulary
{
    private const string Consonants = "bdfgklmnprstvz";
    private const string Vowels = "aeiou";

    private readonly string[] _words;
    private readonly double[] _cumulative;

    public TitleVocabulary(int size, int seed)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < size)
        {
            var syllables = random.Next(2, 5);
            words.Add(string.Concat(Enumerable.Range(0, syllables).Select(_ => $"{Consonants[random.Next(Consonants.Length)]}{Vowels[random.Next(Vowels.Length)]}")));
        }
        _words = [.. words];
        _cumulative = new double[size];
        var sum = 0.0;
        for (var rank = 0; rank < size; rank++)
        {
            sum += 1.0 / (rank + 1);
            _cumulative[rank] = sum;
        }
    }

    public string Title(Random random)
    {
        var words = Enumerable.Range(0, random.Next(3, 8)).Select(_ => Draw(random)).ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    /// <summary>The first <paramref name="letters"/> letters of a word (all of it when shorter).</summary>
    public string SearchWord(Random random, int letters = 4)
    {
        var word = Draw(random);
        return word[..Math.Min(letters, word.Length)];
    }

    private string Draw(Random random)
    {
        var at = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return _words[at >= 0 ? at : Math.Min(~at, _words.Length - 1)];
    }
}
