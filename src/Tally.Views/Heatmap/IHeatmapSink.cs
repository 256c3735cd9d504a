namespace Tally.Views.Heatmap;

/// <summary>What <see cref="HeatmapReducer"/> tells a heatmap store to do; the store only holds the numbers.</summary>
internal interface IHeatmapSink
{
    /// <summary>The poll starts with no votes in any of its declared regions, replacing whatever was held under its id.</summary>
    void Start(Guid pollId, int optionCount, IReadOnlyList<string> regions);

    /// <summary>Adds <paramref name="change"/> to an option's count in a region of a poll the store knows.</summary>
    void Count(Guid pollId, string region, int optionId, int change);
}
