using System.ComponentModel.DataAnnotations;

namespace Tally.Ledger.GroupCommit;

/// <summary>Bound from <c>Tally:GroupCommit</c>; checked at start against its annotations.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Tally:GroupCommit";

    /// <summary>Most votes in one transaction.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Section + ":MaxBatchSize must be at least 1.")]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long a batch may wait for more votes once it has one. Zero (the default) takes whatever queued while the
    /// previous batch was being written: under load that fills batches by itself, and an idle vote never waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = Section + ":MaxDelay must be from 00:00:00 to 00:01:00.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Votes queued beyond this wait for room (back-pressure) instead of growing memory without bound.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Section + ":QueueCapacity must be at least 1.")]
    public int QueueCapacity { get; set; } = 20_000;
}
