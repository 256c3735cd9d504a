namespace Tally.Views.Delta;

/// <summary>What <see cref="DeltaReducer"/> tells a delta store to do; the store only holds the numbers.</summary>
internal interface IDeltaSink
{
    /// <summary>The poll starts with no buckets, replacing whatever was held under its id.</summary>
    void Start(Guid pollId, int optionCount);

    /// <summary>
    /// Adds <paramref name="change"/> to an option's count in a time bucket of a poll the store knows; buckets before
    /// <paramref name="oldestKept"/> may be dropped.
    /// </summary>
    void Count(Guid pollId, long bucket, int optionId, int change, long oldestKept);
}
