using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.Heatmap;

/// <summary>Votes per region per option, republished per changed poll per batch.</summary>
public sealed class MemoryHeatmapProjection : MemoryProjection, IHeatmapView, IHeatmapSink
{
    private readonly PerPollSnapshots<MemoryPollRegions, PollHeatmap> _polls = new(static (pollId, regions) => regions.Freeze(pollId));

    public override string Name => "heatmap";

    public ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(_polls.Snapshot(pollId));

    protected override void Apply(StoredEvent stored) => HeatmapReducer.Apply(stored, this);

    protected override void Forget() => _polls.Clear();

    protected override void Publish() => _polls.Publish();

    void IHeatmapSink.Start(Guid pollId, int optionCount, IReadOnlyList<string> regions) =>
        _polls.Start(pollId, new MemoryPollRegions(optionCount, regions));

    void IHeatmapSink.Count(Guid pollId, string region, int optionId, int change)
    {
        if (_polls.TryChange(pollId, out var regions))
        {
            regions.Count(region, optionId, change);
        }
    }
}
