namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:LoginFailures</c>: lockouts after wrong passwords, per account and per address.</summary>
public sealed class LoginFailureLimits
{
    public LockoutOptions PerAccount { get; set; } = new() { Threshold = 10 };

    /// <summary>Higher than per account: one address may be a whole campus.</summary>
    public LockoutOptions PerIp { get; set; } = new() { Threshold = 100 };

    /// <summary>
    /// Most keys (accounts and addresses) a node tracks in memory: the usernames are the client's choice, so without a
    /// cap a flood of them would grow the table without bound.
    /// </summary>
    public int MaxTracked { get; set; } = 100_000;
}
