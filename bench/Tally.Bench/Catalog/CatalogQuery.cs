namespace Tally.Bench.Catalog;

/// <summary>One kind of GET /v1/polls request: the paths it sends, taken in turn.</summary>
public sealed record CatalogQuery(string Name, IReadOnlyList<string> Paths)
{
    private const int SearchesPerKind = 1000;

    /// <summary>
    /// Page 1 and page 500 (the deepest allowed) of the whole list, searches of one and of two words, and the costliest
    /// kind of search there is: two single letters, each starting a word in a large share of the titles.
    /// </summary>
    public static IReadOnlyList<CatalogQuery> All(TitleVocabulary vocabulary, int seed)
    {
        var random = new Random(seed);
        return
        [
            new("list, page 1", ["/v1/polls"]),
            new("list, page 500", ["/v1/polls?page=500"]),
            new("search, one word", Searches(() => vocabulary.SearchWord(random))),
            new("search, two words", Searches(() => $"{vocabulary.SearchWord(random)}%20{vocabulary.SearchWord(random)}")),
            new("search, two one-letter words", Searches(() => $"{vocabulary.SearchWord(random, 1)}%20{vocabulary.SearchWord(random, 1)}")),
        ];
    }

    private static string[] Searches(Func<string> query) =>
        Enumerable.Range(0, SearchesPerKind).Select(_ => $"/v1/polls?q={query()}").ToArray();
}
