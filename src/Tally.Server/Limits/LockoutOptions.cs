namespace Tally.Server.Limits;

/// <summary>
/// Failed logins for one key (an account or an address): from the <see cref="Threshold"/>th failure within
/// <see cref="Window"/> of the previous one, the key is locked for <see cref="Lockout"/>, doubling with each further
/// failure up to <see cref="MaxLockout"/>.
/// </summary>
public sealed class LockoutOptions
{
    public int Threshold { get; set; }

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the key is locked after its <paramref name="failures"/>th failure (zero below the threshold).</summary>
    public TimeSpan LockoutAfter(long failures)
    {
        if (failures < Threshold)
        {
            return TimeSpan.Zero;
        }
        var doublings = (int)Math.Min(failures - Threshold, 30);
        var ticks = Math.Min((double)Lockout.Ticks * (1L << doublings), MaxLockout.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
