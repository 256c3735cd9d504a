namespace Tally.Views.Redis;

/// <summary>Where the Redis views live. Bound from <c>Tally:Views:Redis</c>.</summary>
public sealed class RedisViewsOptions
{
    public const string Section = "Tally:Views:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>Every key starts with this (as a hash tag), so several deployments or test runs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "tally";
}
