namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Polls</c>: creating polls.</summary>
public sealed class PollLimits
{
    public BucketOptions PerUser { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(2) };

    public BucketOptions PerIp { get; set; } = new() { TokenLimit = 120, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(30) };
}
