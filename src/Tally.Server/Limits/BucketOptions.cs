namespace Tally.Server.Limits;

/// <summary>
/// One token bucket: it holds at most <see cref="TokenLimit"/> tokens, each request takes one, and every whole
/// <see cref="ReplenishmentPeriod"/> adds <see cref="TokensPerPeriod"/> back.
/// </summary>
public sealed class BucketOptions
{
    public bool Enabled { get; set; } = true;

    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; }

    internal long PeriodMilliseconds => Math.Max(1, (long)ReplenishmentPeriod.TotalMilliseconds);
}
