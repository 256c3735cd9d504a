using System.Threading.RateLimiting;

namespace Tally.Server.Limits;

/// <summary>
/// Open live streams, at most so many per address and per node. A slot is held by the request's lease, which the rate
/// limiting middleware releases when the request ends: when the stream closes, however it closes.
/// </summary>
public sealed class LiveStreamSlots : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perNode;
    private readonly PartitionedRateLimiter<string> _slots;
    private readonly TimeSpan _retryAfter;

    public LiveStreamSlots(LimitsOptions options)
    {
        var live = options.Live;
        _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetConcurrencyLimiter(address, _ => new ConcurrencyLimiterOptions { PermitLimit = live.PerIp, QueueLimit = 0 }));
        _perNode = PartitionedRateLimiter.Create<string, int>(_ =>
            RateLimitPartition.GetConcurrencyLimiter(0, _ => new ConcurrencyLimiterOptions { PermitLimit = live.PerNode, QueueLimit = 0 }));
        _slots = PartitionedRateLimiter.CreateChained(_perAddress, _perNode);
        _retryAfter = live.RetryAfter;
    }

    public RateLimitLease Take(string address)
    {
        var lease = _slots.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        return Verdict.Refused(_retryAfter);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _perAddress.Dispose();
        _perNode.Dispose();
    }
}
