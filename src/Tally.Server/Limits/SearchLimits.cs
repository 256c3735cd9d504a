namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Search</c>: listing and searching the catalogue, which needs no token.</summary>
public sealed class SearchLimits
{
    /// <summary>Generous, since a page is cheap; but a search of common words walks much of the catalogue, so one address must not monopolise it.</summary>
    public BucketOptions PerIp { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 20, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}
