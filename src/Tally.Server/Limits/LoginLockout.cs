namespace Tally.Server.Limits;

/// <summary>
/// Wrong passwords lock the account and the address they came from, for longer with every further failure
/// (<see cref="LockoutOptions"/>). A locked attempt is refused before the password hash runs and counts as no failure.
/// </summary>
public sealed class LoginLockout(ILoginFailures failures, LimitsOptions options)
{
    public ValueTask<TimeSpan> LockedForAsync(string? account, string address) =>
        failures.LockedForAsync(account is null ? [AddressKey(address)] : [AccountKey(account), AddressKey(address)]);

    public async ValueTask RecordFailureAsync(string? account, string address)
    {
        if (account is not null)
        {
            await RecordAsync(AccountKey(account), options.LoginFailures.PerAccount).ConfigureAwait(false);
        }
        await RecordAsync(AddressKey(address), options.LoginFailures.PerIp).ConfigureAwait(false);
    }

    /// <summary>A successful login clears the account's failures, never the address's (one's own account must not wipe an address clean).</summary>
    public ValueTask RecordSuccessAsync(string? account) => account is null ? ValueTask.CompletedTask : failures.ForgetAsync(AccountKey(account));

    private async ValueTask RecordAsync(string key, LockoutOptions policy)
    {
        var count = await failures.CountFailureAsync(key, policy.Window).ConfigureAwait(false);
        var lockout = policy.LockoutAfter(count);
        if (lockout > TimeSpan.Zero)
        {
            await failures.LockAsync(key, lockout).ConfigureAwait(false);
        }
    }

    private static string AccountKey(string account) => "account:" + account;

    private static string AddressKey(string address) => "ip:" + address;
}
