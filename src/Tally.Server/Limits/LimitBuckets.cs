namespace Tally.Server.Limits;

/// <summary>Every bucket family, named once; a disabled one is null.</summary>
public sealed class LimitBuckets(LimitsOptions options)
{
    public Bucket? VotePerVoter { get; } = Of("vote-voter", options.Votes.PerVoter);

    public Bucket? VotePerIp { get; } = Of("vote-ip", options.Votes.PerIp);

    public Bucket? PollPerUser { get; } = Of("poll-user", options.Polls.PerUser);

    public Bucket? PollPerIp { get; } = Of("poll-ip", options.Polls.PerIp);

    public Bucket? SearchPerIp { get; } = Of("search-ip", options.Search.PerIp);

    public Bucket? RegisterPerAccount { get; } = Of("register-account", options.Register.PerAccount);

    public Bucket? RegisterPerIp { get; } = Of("register-ip", options.Register.PerIp);

    public Bucket? LoginPerAccount { get; } = Of("login-account", options.Login.PerAccount);

    public Bucket? LoginPerIp { get; } = Of("login-ip", options.Login.PerIp);

    private static Bucket? Of(string name, BucketOptions bucket) => bucket.Enabled ? new Bucket(name, bucket) : null;
}
