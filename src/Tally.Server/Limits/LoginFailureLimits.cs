namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:LoginFailures</c>: lockouts after wrong passwords, per account and per address.</summary>
public sealed class LoginFailureLimits
{
    public LockoutOptions PerAccount { get; set; } = new() { Threshold = 10 };

    /// <summary>Higher than per account: one address may be a whole campus.</summary>
    public LockoutOptions PerIp { get; set; } = new() { Threshold = 100 };
}
