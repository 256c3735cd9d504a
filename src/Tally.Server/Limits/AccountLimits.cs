namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Register</c> and <c>Tally:Limits:Login</c>: each attempt runs the password hash, so both are scarce.</summary>
public sealed class AccountLimits
{
    /// <summary>Keyed by the account asked for, however its name is spelt (case, full-width forms).</summary>
    public BucketOptions PerAccount { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(30) };

    public BucketOptions PerIp { get; set; } = new() { TokenLimit = 30, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(2) };
}
