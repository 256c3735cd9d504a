using Tally.Domain.Errors;
using Tally.Domain.Users;

namespace Tally.Server.Limits;

/// <summary>
/// The limits of register and login that depend on the body: the account's own bucket and, for logins, the lockout
/// after wrong passwords. Both are checked before the password hash runs, so a refused attempt costs no hashing.
/// </summary>
public sealed class AccountThrottle(ITokenBuckets buckets, LimitBuckets limits, LoginLockout lockout, LimitsOptions options)
{
    /// <returns>null to go ahead; otherwise how long to wait.</returns>
    public ValueTask<TimeSpan?> BeforeRegisterAsync(string? username) =>
        options.Enabled && limits.RegisterPerAccount is { } bucket && AccountOf(username) is { } account
            ? buckets.TakeAsync([new BucketKey(bucket, account)])
            : ValueTask.FromResult<TimeSpan?>(null);

    /// <returns>null to go ahead; otherwise how long to wait.</returns>
    public async ValueTask<TimeSpan?> BeforeLoginAsync(string? username, HttpContext http)
    {
        if (!options.Enabled)
        {
            return null;
        }
        var account = AccountOf(username);
        var locked = await lockout.LockedForAsync(account, ClientAddress.Of(http)).ConfigureAwait(false);
        if (locked > TimeSpan.Zero)
        {
            return locked;
        }
        return limits.LoginPerAccount is { } bucket && account is not null
            ? await buckets.TakeAsync([new BucketKey(bucket, account)]).ConfigureAwait(false)
            : null;
    }

    /// <summary>Counts a wrong password against the account and the address; a success clears the account's count.</summary>
    public ValueTask AfterLoginAsync(string? username, HttpContext http, Rejection? rejection)
    {
        if (!options.Enabled)
        {
            return ValueTask.CompletedTask;
        }
        if (rejection is null)
        {
            return lockout.RecordSuccessAsync(AccountOf(username));
        }
        return rejection.Code == ErrorCodes.InvalidCredentials
            ? lockout.RecordFailureAsync(AccountOf(username), ClientAddress.Of(http))
            : ValueTask.CompletedTask;
    }

    // Keyed as the account is looked up, so no other spelling of it has buckets or failures of its own. Beyond the
    // longest name an account may have, the rest cannot tell accounts apart; cutting it keeps the keys small.
    private static string? AccountOf(string? username) =>
        Username.Canonical(username) is { Length: > 0 } account ? account[..Math.Min(account.Length, Username.MaxLength)] : null;
}
