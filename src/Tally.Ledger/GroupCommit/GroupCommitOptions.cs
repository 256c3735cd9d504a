namespace Tally.Ledger.GroupCommit;

/// <summary>Bound from <c>Tally:GroupCommit</c>.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Tally:GroupCommit";

    /// <summary>Most votes in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long a batch may wait for more votes once it has one. Zero takes whatever is queued.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Votes queued beyond this wait for room (back-pressure) instead of growing memory without bound.</summary>
    public int QueueCapacity { get; set; } = 20_000;
}
