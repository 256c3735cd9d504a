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
            Add(region);
        }
    }

    public void Count(string region, int optionId, int change)
    {
        if (!_index.TryGetValue(region, out var i))
        {
            i = Add(region);
        }
        _votes[i][optionId - 1] += change;
    }

    public PollHeatmap Freeze(Guid pollId)
    {
        var counts = new RegionCounts[_names.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            var votes = _votes[i];
            counts[i] = new RegionCounts(_names[i], (long[])votes.Clone(), votes.Sum());
        }
        return new PollHeatmap(pollId, counts);
    }

    private int Add(string region)
    {
        _index[region] = _names.Count;
        _names.Add(region);
        _votes.Add(new long[_optionCount]);
        return _names.Count - 1;
    }
}
