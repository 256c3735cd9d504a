using Microsoft.Extensions.Options;

namespace Tally.Server.Limits;

/// <summary>Every rule on <c>Tally:Limits</c>, each failure naming its full key and what it accepts.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        const string section = LimitsOptions.Section;
        var failures = new List<string>();
        Bucket(failures, $"{section}:Votes:PerVoter", options.Votes.PerVoter);
        Bucket(failures, $"{section}:Votes:PerIp", options.Votes.PerIp);
        Bucket(failures, $"{section}:Polls:PerUser", options.Polls.PerUser);
        Bucket(failures, $"{section}:Polls:PerIp", options.Polls.PerIp);
        Bucket(failures, $"{section}:Search:PerIp", options.Search.PerIp);
        Bucket(failures, $"{section}:Register:PerAccount", options.Register.PerAccount);
        Bucket(failures, $"{section}:Register:PerIp", options.Register.PerIp);
        Bucket(failures, $"{section}:Login:PerAccount", options.Login.PerAccount);
        Bucket(failures, $"{section}:Login:PerIp", options.Login.PerIp);
        Lockout(failures, $"{section}:LoginFailures:PerAccount", options.LoginFailures.PerAccount);
        Lockout(failures, $"{section}:LoginFailures:PerIp", options.LoginFailures.PerIp);
        AtLeastOne(failures, $"{section}:LoginFailures:MaxTracked", options.LoginFailures.MaxTracked);
        AtLeastOne(failures, $"{section}:Live:PerIp", options.Live.PerIp);
        AtLeastOne(failures, $"{section}:Live:PerNode", options.Live.PerNode);
        if (options.Live.RetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{section}:Live:RetryAfter must not be negative.");
        }
        Positive(failures, $"{section}:Redis:Timeout", options.Redis.Timeout);
        Positive(failures, $"{section}:Redis:RetryInterval", options.Redis.RetryInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Checked even when a bucket is disabled, so turning it on later cannot reveal a bad value.
    private static void Bucket(List<string> failures, string key, BucketOptions bucket)
    {
        AtLeastOne(failures, $"{key}:TokenLimit", bucket.TokenLimit);
        AtLeastOne(failures, $"{key}:TokensPerPeriod", bucket.TokensPerPeriod);
        Positive(failures, $"{key}:ReplenishmentPeriod", bucket.ReplenishmentPeriod);
    }

    private static void Lockout(List<string> failures, string key, LockoutOptions lockout)
    {
        AtLeastOne(failures, $"{key}:Threshold", lockout.Threshold);
        Positive(failures, $"{key}:Lockout", lockout.Lockout);
        if (lockout.MaxLockout < lockout.Lockout)
        {
            failures.Add($"{key}:MaxLockout must be at least {key}:Lockout ({lockout.Lockout}).");
        }
        Positive(failures, $"{key}:Window", lockout.Window);
    }

    private static void AtLeastOne(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{key} must be at least 1.");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive.");
        }
    }
}
