using System.Collections.Concurrent;
using Tally.Domain.Events;
using Tally.Views.Heatmap;

namespace Tally.Views.Memory;

/// <summary>Votes per region per option, republished per changed poll per batch.</summary>
public sealed class MemoryHeatmapProjection : MemoryProjection, IHeatmapView
{
    private readonly ConcurrentDictionary<Guid, PollHeatmap> _published = new();
    private readonly Dictionary<Guid, Regions> _working = new();
    private readonly HashSet<Guid> _dirty = new();

    public override string Name => "heatmap";

    public ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult(_published.GetValueOrDefault(pollId));

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated created:
                var added = new Regions(created.Poll.Options.Count);
                foreach (var region in created.Poll.Regions)
                {
                    added.Add(region);
                }
                _working[created.Poll.Id] = added;
                break;
            case VoteCast cast when cast.Region is not null && _working.TryGetValue(cast.PollId, out var regions):
                regions.Count(cast.Region, cast.OptionId, +1);
                break;
            case VoteRetracted retracted when retracted.Region is not null && _working.TryGetValue(retracted.PollId, out var regions):
                regions.Count(retracted.Region, retracted.OptionId, -1);
                break;
            default:
                return;
        }
        _dirty.Add(stored.Event.PollId);
    }

    protected override void Publish()
    {
        foreach (var pollId in _dirty)
        {
            var regions = _working[pollId];
            var counts = new RegionCounts[regions.Names.Count];
            for (var i = 0; i < counts.Length; i++)
            {
                var votes = regions.Votes[i];
                counts[i] = new RegionCounts(regions.Names[i], (long[])votes.Clone(), votes.Sum());
            }
            _published[pollId] = new PollHeatmap(pollId, counts);
        }
        _dirty.Clear();
    }

    private sealed class Regions(int optionCount)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<string> Names { get; } = [];

        public List<long[]> Votes { get; } = [];

        public void Add(string region)
        {
            _index[region] = Names.Count;
            Names.Add(region);
            Votes.Add(new long[optionCount]);
        }

        public void Count(string region, int optionId, int change)
        {
            if (!_index.TryGetValue(region, out var i))
            {
                Add(region);
                i = Names.Count - 1;
            }
            Votes[i][optionId - 1] += change;
        }
    }
}
