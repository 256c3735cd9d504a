namespace Tally.Bench.Catalog;

/// <summary>What one GET /v1/polls answered: the total and the ids on the page, to compare servers and count matches.</summary>
public sealed record CatalogAnswer(int Total, IReadOnlyList<string> Ids)
{
    public bool SameAs(CatalogAnswer other) => Total == other.Total && Ids.SequenceEqual(other.Ids);
}
