namespace Tally.Server.Limits;

/// <summary>Where failed logins and lockouts are kept: counters and locks that expire by themselves. The rules are LoginLockout's.</summary>
public interface ILoginFailures
{
    /// <summary>The longest lockout left on any of <paramref name="keys"/>; zero when none is locked.</summary>
    ValueTask<TimeSpan> LockedForAsync(IReadOnlyList<string> keys);

    /// <summary>Counts one more failure for <paramref name="key"/>; failures are forgotten <paramref name="window"/> after the last one.</summary>
    /// <returns>The failures counted now.</returns>
    ValueTask<long> CountFailureAsync(string key, TimeSpan window);

    ValueTask LockAsync(string key, TimeSpan lockout);

    /// <summary>Forgets the key's failures (its lock, if any, runs out by itself).</summary>
    ValueTask ForgetAsync(string key);
}
