using System.Threading.RateLimiting;
using Tally.Server.Auth;

namespace Tally.Server.Limits;

/// <summary>
/// The global limiter of ASP.NET Core's rate limiting middleware: a request to an endpoint marked <see cref="LimitedBy"/>
/// takes a token from each of its action's buckets, or a live-stream slot; any other request passes untouched.
/// </summary>
public sealed class RequestLimiter(ITokenBuckets buckets, LimitBuckets limits, LiveStreamSlots live) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // The middleware tries this synchronous path first; buckets may live in Redis, so every decision is made in AcquireAsyncCore.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        ActionOf(resource) is null ? Verdict.Granted : Verdict.Deferred;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var action = ActionOf(resource);
        if (action is null)
        {
            return new(Verdict.Granted);
        }
        if (action == LimitedAction.LiveStream)
        {
            return new(live.Take(ClientAddress.Of(resource)));
        }
        var keys = KeysOf(action.Value, resource);
        if (keys.Count == 0)
        {
            return new(Verdict.Granted);
        }
        var taking = buckets.TakeAsync(keys);
        return taking.IsCompletedSuccessfully ? new(VerdictOf(taking.Result)) : AwaitAsync(taking);
    }

    private static async ValueTask<RateLimitLease> AwaitAsync(ValueTask<TimeSpan?> taking) => VerdictOf(await taking.ConfigureAwait(false));

    private static Verdict VerdictOf(TimeSpan? wait) => wait is { } w ? Verdict.Refused(w) : Verdict.Granted;

    internal static LimitedAction? ActionOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<LimitedBy>()?.Action;

    private List<BucketKey> KeysOf(LimitedAction action, HttpContext http)
    {
        var keys = new List<BucketKey>(2);
        var (subject, perAddress) = action switch
        {
            LimitedAction.Vote => (limits.VotePerVoter, limits.VotePerIp),
            LimitedAction.CreatePoll => (limits.PollPerUser, limits.PollPerIp),
            LimitedAction.Search => ((Bucket?)null, limits.SearchPerIp),
            LimitedAction.Register => (null, limits.RegisterPerIp),
            LimitedAction.Login => (null, limits.LoginPerIp),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        // Register and login are keyed by the account in the body, which AccountThrottle reads; here only voters and users.
        if (subject is not null && http.User.VoterId() is { } voter)
        {
            keys.Add(new BucketKey(subject, voter));
        }
        if (perAddress is not null)
        {
            keys.Add(new BucketKey(perAddress, ClientAddress.Of(http)));
        }
        return keys;
    }
}
