namespace Tally.Server.Limits;

/// <summary>One key's failed logins in memory; times are Environment.TickCount64 milliseconds.</summary>
internal sealed class FailureRecord
{
    public long Failures { get; set; }

    public long ForgetAt { get; set; }

    public long LockedUntil { get; set; }

    public bool Retired { get; set; }
}
