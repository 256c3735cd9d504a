namespace Tally.Server.Limits;

/// <summary>
/// One bucket's state in memory, refilled lazily when touched: each whole period since the last refill adds its
/// tokens, up to the limit. RedisTokenBuckets' script does the same arithmetic on the same two numbers.
/// </summary>
internal sealed class TokenBucket(long tokens, long refilledAt)
{
    private long _tokens = tokens;
    private long _refilledAt = refilledAt;

    /// <summary>Set under the lock when the sweep drops the bucket; a taker holding it then looks it up again.</summary>
    public bool Retired { get; set; }

    /// <returns>null when a token was taken; otherwise milliseconds until the next refill.</returns>
    public long? TryTake(BucketOptions options, long now)
    {
        Refill(options, now);
        if (_tokens < 1)
        {
            return _refilledAt + options.PeriodMilliseconds - now;
        }
        _tokens--;
        return null;
    }

    /// <summary>Returns a token taken for a request another bucket then refused.</summary>
    public void GiveBack(BucketOptions options) => _tokens = Math.Min(options.TokenLimit, _tokens + 1);

    public bool IsFull(BucketOptions options, long now)
    {
        Refill(options, now);
        return _tokens >= options.TokenLimit;
    }

    private void Refill(BucketOptions options, long now)
    {
        var period = options.PeriodMilliseconds;
        var periods = (now - _refilledAt) / period;
        if (periods > 0)
        {
            _tokens = Math.Min(options.TokenLimit, _tokens + periods * options.TokensPerPeriod);
            _refilledAt += periods * period;
        }
    }
}
