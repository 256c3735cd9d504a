namespace Tally.Server.Limits;

/// <summary><c>Tally:Limits:Redis</c>: how the limiters use Redis in PostgreSQL + Redis mode.</summary>
public sealed class SharedLimitsOptions
{
    /// <summary>Longest wait for Redis before this request falls back to the node's own limiter.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a failure, how long the node keeps to its own limiter before it tries Redis again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
