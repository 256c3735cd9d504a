using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>A re-delivered event is never counted twice, whatever batches the daemon hands over.</summary>
public sealed class ExactlyOnceTests
{
    private static readonly string[] Regions = ["EU", "US"];

    private readonly EventScript _log = new();
    private readonly Poll _poll = EventScript.NewPoll(regions: Regions);

    public ExactlyOnceTests()
    {
        _log.Created(_poll);
        for (var i = 0; i < 8; i++)
        {
            _log.Vote(_poll, $"voter-{i}", i % 3 + 1, Regions[i % 2], EventScript.Start.AddSeconds(i));
        }
        _log.Retract(_poll, "voter-0", EventScript.Start.AddSeconds(9));
        _log.Close(_poll, EventScript.Start.AddSeconds(10));
    }

    [Fact]
    public async Task ApplyingTheSameBatchTwiceChangesNothingTheSecondTime()
    {
        var once = new ViewSet();
        await once.ApplyAsync(_log.All);
        var twice = new ViewSet();
        await twice.ApplyAsync(_log.All);

        await twice.ApplyAsync(_log.All);

        Assert.Equal(await once.DescribeAsync(_poll), await twice.DescribeAsync(_poll));
        Assert.Equal(7, (await twice.Results.GetAsync(_poll.Id, TestContext.Current.CancellationToken))!.TotalVotes);
        Assert.All(twice.Checkpoints, checkpoint => Assert.Equal(_log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task OverlappingBatchesCountEachEventOnce()
    {
        var once = new ViewSet();
        await once.ApplyAsync(_log.All);
        var overlapped = new ViewSet();

        await overlapped.ApplyAsync(_log.Range(1, 6));
        await overlapped.ApplyAsync(_log.Range(3, 9));
        await overlapped.ApplyAsync(_log.Range(1, 2));
        await overlapped.ApplyAsync(_log.Range(8, _log.LastSequence));

        Assert.Equal(await once.DescribeAsync(_poll), await overlapped.DescribeAsync(_poll));
        Assert.All(overlapped.Checkpoints, checkpoint => Assert.Equal(_log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task TheCheckpointIsTheLastSequenceOfTheBatchApplied()
    {
        var views = new ViewSet();

        await views.ApplyAsync(_log.Range(1, 4));
        Assert.All(views.Checkpoints, checkpoint => Assert.Equal(4, checkpoint));

        await views.ApplyAsync(_log.Range(2, 3));
        Assert.All(views.Checkpoints, checkpoint => Assert.Equal(4, checkpoint));

        await views.ApplyAsync([]);
        Assert.All(views.Checkpoints, checkpoint => Assert.Equal(4, checkpoint));

        await views.ApplyAsync(_log.Range(4, 7));
        Assert.All(views.Checkpoints, checkpoint => Assert.Equal(7, checkpoint));
    }

    [Fact]
    public async Task ARedeliveredBatchDoesNotSignalAChange()
    {
        var views = new ViewSet();
        await views.ApplyAsync(_log.All);
        var next = views.Changes.NextChange(_poll.Id);

        await views.ApplyAsync(_log.Range(2, _log.LastSequence));

        Assert.False(next.IsCompleted);
    }

    /// <summary>Every memory projection, fed together as the daemon feeds them.</summary>
    private sealed class ViewSet
    {
        public ViewSet()
        {
            Results = new MemoryResultsProjection(Changes);
            All = [Results, Heatmap, Delta, Voters, Catalog];
        }

        public PollChangeFeed Changes { get; } = new();

        public MemoryResultsProjection Results { get; }

        public MemoryHeatmapProjection Heatmap { get; } = new();

        public MemoryDeltaProjection Delta { get; } = new();

        public MemoryVoterStatusProjection Voters { get; } = new();

        public MemoryPollCatalogProjection Catalog { get; } = new();

        public MemoryProjection[] All { get; }

        public IEnumerable<long> Checkpoints => All.Select(p => p.Checkpoint);

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch)
        {
            foreach (var projection in All)
            {
                await projection.BatchAsync(batch);
            }
        }

        /// <summary>Everything the views say about the poll, as text that compares equal exactly when the views agree.</summary>
        public async Task<string> DescribeAsync(Poll poll)
        {
            var ct = TestContext.Current.CancellationToken;
            var results = await Results.GetAsync(poll.Id, ct);
            var heatmap = await Heatmap.GetAsync(poll.Id, ct);
            var delta = await Delta.GetAsync(poll.Id, TimeSpan.FromHours(1), EventScript.Start.AddMinutes(1), ct);
            var voters = new List<string>();
            for (var i = 0; i < 8; i++)
            {
                voters.Add($"voter-{i}:{(await Voters.GetAsync(poll.Id, $"voter-{i}", ct))?.OptionId}");
            }
            var catalog = await Catalog.ListAsync(null, 1, 10, ct);
            return string.Join(" | ",
                $"results {string.Join(",", results!.Votes)} total {results.TotalVotes} closed {results.ClosedAt:O}",
                $"heatmap {string.Join(";", heatmap!.Regions.Select(r => $"{r.Region}={string.Join(",", r.Votes)}"))}",
                $"delta {string.Join(",", delta!.Votes)}",
                $"voters {string.Join(",", voters)}",
                $"catalog {catalog.Total} {string.Join(",", catalog.Polls.Select(p => $"{p.Id}@{p.ClosedAt:O}"))}");
        }
    }
}
