namespace Tally.Server.Limits;

/// <summary>Bound from <c>Tally:Limits</c>: how much anyone may do, and how fast; checked at start by <see cref="LimitsOptionsValidator"/>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Tally:Limits";

    /// <summary>Master switch: false lifts every rate limit, lockout and stream cap (benchmarks use it).</summary>
    public bool Enabled { get; set; } = true;

    public VoteLimits Votes { get; set; } = new();

    public PollLimits Polls { get; set; } = new();

    public SearchLimits Search { get; set; } = new();

    public AccountLimits Register { get; set; } = new()
    {
        PerAccount = new() { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) },
        PerIp = new() { TokenLimit = 20, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(30) },
    };

    public AccountLimits Login { get; set; } = new();

    public LoginFailureLimits LoginFailures { get; set; } = new();

    public LiveLimits Live { get; set; } = new();

    public SharedLimitsOptions Redis { get; set; } = new();
}
