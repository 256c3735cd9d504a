using System.Threading.RateLimiting;

namespace Tally.Server.Limits;

/// <summary>The limiter's answer to one request, with how long to wait when it is a refusal.</summary>
internal sealed class Verdict : RateLimitLease
{
    public static readonly Verdict Granted = new(true, null);

    /// <summary>"Ask asynchronously": the middleware tries a synchronous acquire first, and buckets may live in Redis.</summary>
    public static readonly Verdict Deferred = new(false, null);

    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan? _retryAfter;

    private Verdict(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public static Verdict Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterOnly;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
