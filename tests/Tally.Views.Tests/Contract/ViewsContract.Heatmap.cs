using Tally.Views.Heatmap;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>Heatmap: votes per region and option.</summary>
public abstract partial class ViewsContract
{
    private Projected<IHeatmapView> Heatmap => Views.Heatmap;

    [Fact]
    public async Task VotesAreCountedPerRegionAndOption()
    {
        var poll = EventScript.NewPoll(regions: ["EU", "US", "APAC"]);
        await Heatmap.BatchAsync([
            _log.Created(poll),
            _log.Vote(poll, "a", 1, "EU"),
            _log.Vote(poll, "b", 1, "EU"),
            _log.Vote(poll, "c", 3, "EU"),
            _log.Vote(poll, "d", 2, "US"),
        ]);

        var heatmap = await Heatmap.View.GetAsync(poll.Id, Ct);

        Assert.NotNull(heatmap);
        Assert.Equal(["EU", "US", "APAC"], heatmap.Regions.Select(r => r.Region));
        Assert.Equal([2L, 0, 1], Region(heatmap, "EU").Votes);
        Assert.Equal(3, Region(heatmap, "EU").Total);
        Assert.Equal([0L, 1, 0], Region(heatmap, "US").Votes);
        Assert.Equal([0L, 0, 0], Region(heatmap, "APAC").Votes);
        Assert.Equal(0, Region(heatmap, "APAC").Total);
    }

    [Fact]
    public async Task ARetractionTakesTheVoteBackFromItsRegion()
    {
        var poll = EventScript.NewPoll(regions: ["EU", "US"]);
        await Heatmap.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 1, "EU"), _log.Vote(poll, "b", 1, "US")]);

        await Heatmap.BatchAsync([_log.Retract(poll, "a"), _log.Vote(poll, "a", 2, "EU")]);

        var heatmap = await Heatmap.View.GetAsync(poll.Id, Ct);
        Assert.Equal([0L, 1, 0], Region(heatmap!, "EU").Votes);
        Assert.Equal([1L, 0, 0], Region(heatmap!, "US").Votes);
    }

    [Fact]
    public async Task APollWithoutRegionsHasAnEmptyHeatmap()
    {
        var poll = EventScript.NewPoll();
        await Heatmap.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 1)]);

        Assert.Empty((await Heatmap.View.GetAsync(poll.Id, Ct))!.Regions);
    }

    [Fact]
    public async Task AnUnknownPollHasNoHeatmap() => Assert.Null(await Heatmap.View.GetAsync(Guid.CreateVersion7(), Ct));

    [Fact]
    public async Task APublishedHeatmapNeverChangesAfterwards()
    {
        var poll = EventScript.NewPoll(regions: ["EU"]);
        await Heatmap.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 1, "EU")]);
        var before = await Heatmap.View.GetAsync(poll.Id, Ct);

        await Heatmap.BatchAsync([_log.Vote(poll, "b", 1, "EU")]);

        Assert.Equal([1L, 0, 0], Region(before!, "EU").Votes);
        Assert.Equal([2L, 0, 0], Region((await Heatmap.View.GetAsync(poll.Id, Ct))!, "EU").Votes);
    }

    private static RegionCounts Region(PollHeatmap heatmap, string name) => Assert.Single(heatmap.Regions, r => r.Region == name);
}
