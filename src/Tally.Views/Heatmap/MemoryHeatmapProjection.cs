using Tally.Domain.Events;
using Tally.Views.Memory;

namespace Tally.Views.Heatmap;

/// <summary>Votes per region per option, republished per changed poll per batch.</summary>
public sealed class MemoryHeatmapProjection : MemoryProjection, IHeatmapView, IHeatmapSink, ICountingView
{
    private PerPollSnapshots<MemoryPollRegions, MemoryHeatmapSnapshot> _polls = NewPolls();

    public override string Name => "heatmap";

    public ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) => ValueTask.FromResult(Volatile.Read(ref _polls).Snapshot(pollId)?.Heatmap);

    protected override void Apply(StoredEvent stored) => HeatmapReducer.Apply(stored, this);

    protected override void Forget() => Volatile.Write(ref _polls, NewPolls());

    protected override void Publish() => _polls.Publish();

    private protected override MemoryProjection CreateEmpty() => new MemoryHeatmapProjection();

    private protected override void TakeState(MemoryProjection other) => Volatile.Write(ref _polls, ((MemoryHeatmapProjection)other)._polls);

    private protected override void TakePoll(Guid pollId, MemoryProjection rebuilt) => _polls.TakePoll(pollId, ((MemoryHeatmapProjection)rebuilt)._polls);

    // Cells without votes are left out, as the ledger's count by option and region has no row for them.
    private protected override IReadOnlyList<HeldVotes> Count(Guid pollId) =>
        Volatile.Read(ref _polls).Snapshot(pollId) is { } snapshot
            ? snapshot.Heatmap.Regions
                .SelectMany(region => region.Votes.Select((votes, i) => new HeldVotes(i + 1, region.Region, votes)))
                .Where(cell => cell.Votes != 0)
                .ToArray()
            : [];

    private protected override MemoryViewImage Capture()
    {
        var polls = _polls.Published();
        return new MemoryViewImage(Name, writer =>
        {
            writer.Write(polls.Length);
            foreach (var (pollId, snapshot) in polls)
            {
                writer.WriteGuid(pollId);
                writer.Write(snapshot.OptionCount);
                writer.Write(snapshot.Heatmap.Regions.Count);
                foreach (var region in snapshot.Heatmap.Regions)
                {
                    writer.Write(region.Region);
                    writer.WriteCounts(region.Votes);
                }
            }
        });
    }

    private protected override void Load(BinaryReader reader)
    {
        for (var count = reader.ReadCount(); count > 0; count--)
        {
            var pollId = reader.ReadGuid();
            var optionCount = reader.ReadInt32();
            var regions = new RegionCounts[reader.ReadCount()];
            for (var i = 0; i < regions.Length; i++)
            {
                var name = reader.ReadString();
                var votes = reader.ReadCounts();
                regions[i] = new RegionCounts(name, votes, votes.Sum());
            }
            _polls.Start(pollId, new MemoryPollRegions(new MemoryHeatmapSnapshot(optionCount, new PollHeatmap(pollId, regions))));
        }
        Publish();
    }

    void IHeatmapSink.Start(Guid pollId, int optionCount, IReadOnlyList<string> regions) =>
        _polls.Start(pollId, new MemoryPollRegions(optionCount, regions));

    void IHeatmapSink.Count(Guid pollId, string region, int optionId, int change)
    {
        if (_polls.TryChange(pollId, out var regions))
        {
            regions.Count(region, optionId, change);
        }
    }

    private static PerPollSnapshots<MemoryPollRegions, MemoryHeatmapSnapshot> NewPolls() => new(static (pollId, regions) => regions.Freeze(pollId));
}
