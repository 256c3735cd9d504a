namespace Tally.Views.Heatmap;

/// <summary>The daemon's working heatmap of one poll in memory; readers only see what <see cref="Freeze"/> hands out.</summary>
internal sealed class MemoryPollRegions
{
    private readonly int _optionCount;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<long[]> _votes = [];

    public MemoryPollRegions(int optionCount, IReadOnlyList<string> regions)
    {
        _optionCount = optionCount;
        foreach (var region in regions)
        {
            Add(region, new long[optionCount]);
        }
    }

    /// <summary>A heatmap as it was published, to go on from.</summary>
    public MemoryPollRegions(MemoryHeatmapSnapshot snapshot)
        : this(snapshot.OptionCount, [])
    {
        foreach (var region in snapshot.Heatmap.Regions)
        {
            if (region.Votes.Count != _optionCount || _index.ContainsKey(region.Region))
            {
                throw new InvalidDataException($"Region {region.Region} is held twice or with {region.Votes.Count} counts for {_optionCount} options.");
            }
            Add(region.Region, region.Votes.ToArray());
        }
    }

    public void Count(string region, int optionId, int change)
    {
        if (!_index.TryGetValue(region, out var i))
        {
            i = Add(region, new long[_optionCount]);
        }
        _votes[i][optionId - 1] += change;
    }

    public MemoryHeatmapSnapshot Freeze(Guid pollId)
    {
        var counts = new RegionCounts[_names.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            var votes = _votes[i];
            counts[i] = new RegionCounts(_names[i], (long[])votes.Clone(), votes.Sum());
        }
        return new MemoryHeatmapSnapshot(_optionCount, new PollHeatmap(pollId, counts));
    }

    private int Add(string region, long[] votes)
    {
        _index[region] = _names.Count;
        _names.Add(region);
        _votes.Add(votes);
        return _names.Count - 1;
    }
}
