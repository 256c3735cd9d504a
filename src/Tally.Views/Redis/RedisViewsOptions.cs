namespace Tally.Views.Redis;

/// <summary>Where the Redis views live. Bound from <c>Tally:Views:Redis</c>.</summary>
public sealed class RedisViewsOptions
{
    public const string Section = "Tally:Views:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>Every key starts with this (as a hash tag), so several deployments or test runs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "tally";

    /// <summary>The longest wait to connect (at start, and on each reconnect).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a command may wait for its answer, including waiting for Redis to come back: past it a read gets a 503
    /// instead of hanging. <see cref="SyncTimeout"/> bounds blocking calls, <see cref="AsyncTimeout"/> awaited ones (all of Tally's).
    /// </summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <inheritdoc cref="SyncTimeout"/>
    public TimeSpan AsyncTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
