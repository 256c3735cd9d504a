using System.ComponentModel.DataAnnotations;

namespace Tally.Views.Redis;

/// <summary>Where the Redis views live. Bound from <c>Tally:Views:Redis</c>; checked at start against its annotations.</summary>
public sealed class RedisViewsOptions : IValidatableObject
{
    public const string Section = "Tally:Views:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    [Required(ErrorMessage = Section + ":ConnectionString must name a Redis server, e.g. localhost:6379.")]
    public string ConnectionString { get; set; } = "localhost:6379";

    /// <summary>Every key starts with this (as a hash tag), so several deployments or test runs can share one Redis.</summary>
    [Required(ErrorMessage = Section + ":KeyPrefix must not be empty.")]
    public string KeyPrefix { get; set; } = "tally";

    /// <summary>The longest wait to connect (at start, and on each reconnect).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":ConnectTimeout must be positive and at most 01:00:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a command may wait for its answer, including waiting for Redis to come back: past it a read gets a 503
    /// instead of hanging. <see cref="SyncTimeout"/> bounds blocking calls, <see cref="AsyncTimeout"/> awaited ones (all of Tally's).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":SyncTimeout must be positive and at most 01:00:00.")]
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <inheritdoc cref="SyncTimeout"/>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":AsyncTimeout must be positive and at most 01:00:00.")]
    public TimeSpan AsyncTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How old this node's knowledge of the active generations may get before a reader reads the pointers again: the
    /// fallback for a swap announcement this node missed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Section + ":GenerationRefresh must be positive and at most 01:00:00.")]
    public TimeSpan GenerationRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a generation that was swapped out or forgotten is kept before its keys are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = Section + ":GenerationGrace must be positive and at most 1.00:00:00.")]
    public TimeSpan GenerationGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Polls whose tally and heatmap this node keeps in memory between changes (its near cache); 0 reads Redis every time.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = Section + ":NearCachePolls must be from 0 to 10000000.")]
    public int NearCachePolls { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A node that missed the announcement reads the old generation until its refresh: it must still be there.
        if (GenerationGrace <= GenerationRefresh)
        {
            yield return new ValidationResult(
                Section + ":GenerationGrace must be longer than GenerationRefresh.", [nameof(GenerationGrace), nameof(GenerationRefresh)]);
        }
    }
}
