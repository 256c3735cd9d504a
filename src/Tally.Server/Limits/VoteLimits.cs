namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Votes</c>: casting and retracting.</summary>
public sealed class VoteLimits
{
    public BucketOptions PerVoter { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Off by default: campuses and mobile carriers put thousands of voters behind one address.</summary>
    public BucketOptions PerIp { get; set; } = new() { Enabled = false, TokenLimit = 2000, TokensPerPeriod = 500, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}
