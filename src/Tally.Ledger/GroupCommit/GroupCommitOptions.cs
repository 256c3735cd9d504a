namespace Tally.Ledger.GroupCommit;

/// <summary>Bound from <c>Tally:GroupCommit</c>.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Tally:GroupCommit";

    /// <summary>Most votes in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long a batch may wait for more votes once it has one. Zero (the default) takes whatever queued while the
    /// previous batch was being written: under load that fills batches by itself, and an idle vote never waits.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Votes queued beyond this wait for room (back-pressure) instead of growing memory without bound.</summary>
    public int QueueCapacity { get; set; } = 20_000;
}
