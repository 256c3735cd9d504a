namespace Tally.Server.Limits;

/// <summary>Bound from <c>Tally:Limits</c>: how much anyone may do, and how fast.</summary>
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

    internal void Validate()
    {
        Votes.PerVoter.Validate("Tally:Limits:Votes:PerVoter");
        Votes.PerIp.Validate("Tally:Limits:Votes:PerIp");
        Polls.PerUser.Validate("Tally:Limits:Polls:PerUser");
        Polls.PerIp.Validate("Tally:Limits:Polls:PerIp");
        Search.PerIp.Validate("Tally:Limits:Search:PerIp");
        Register.PerAccount.Validate("Tally:Limits:Register:PerAccount");
        Register.PerIp.Validate("Tally:Limits:Register:PerIp");
        Login.PerAccount.Validate("Tally:Limits:Login:PerAccount");
        Login.PerIp.Validate("Tally:Limits:Login:PerIp");
        LoginFailures.PerAccount.Validate("Tally:Limits:LoginFailures:PerAccount");
        LoginFailures.PerIp.Validate("Tally:Limits:LoginFailures:PerIp");
        if (LoginFailures.MaxTracked < 1)
        {
            throw new InvalidOperationException("Tally:Limits:LoginFailures:MaxTracked must be at least 1.");
        }
        if (Live.PerIp < 1 || Live.PerNode < 1)
        {
            throw new InvalidOperationException("Tally:Limits:Live:PerIp and :PerNode must be at least 1.");
        }
    }
}
