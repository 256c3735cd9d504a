using Tally.Domain.Events;
using Tally.Views.Heatmap;

namespace Tally.Views.Memory;

/// <summary>Votes per region per option, republished per changed poll per batch.</summary>
public sealed class MemoryHeatmapProjection : PerPollSnapshots<MemoryHeatmapProjection.Regions, PollHeatmap>, IHeatmapView
{
    public override string Name => "heatmap";

    public ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(Snapshot(pollId));

    protected override void Apply(StoredEvent stored)
    {
        switch (stored.Event)
        {
            case PollCreated { Poll: var poll }:
                var regions = new Regions(poll.Options.Count);
                foreach (var region in poll.Regions)
                {
                    regions.Add(region);
                }
                Start(poll.Id, regions);
                break;
            case VoteCast { Region: not null } cast when TryChange(cast.PollId, out var counts):
                counts.Count(cast.Region, cast.OptionId, +1);
                break;
            case VoteRetracted { Region: not null } retracted when TryChange(retracted.PollId, out var counts):
                counts.Count(retracted.Region, retracted.OptionId, -1);
                break;
        }
    }

    protected override PollHeatmap Freeze(Guid pollId, Regions regions)
    {
        var counts = new RegionCounts[regions.Names.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            var votes = regions.Votes[i];
            counts[i] = new RegionCounts(regions.Names[i], (long[])votes.Clone(), votes.Sum());
        }
        return new PollHeatmap(pollId, counts);
    }

    public sealed class Regions(int optionCount)
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
