using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Results;
using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// Readers of a memory view see each batch whole or not at all: half-way through a batch they still see the state
/// before it, and the checkpoint has not moved.
/// </summary>
public sealed class MemoryPublicationTests
{
    private static readonly string[] Regions = ["EU"];

    private readonly EventScript _log = new();
    private readonly Poll _poll = EventScript.NewPoll(regions: Regions);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HalfWayThroughABatchTheVoterStatusIsTheOneBeforeIt()
    {
        var status = new MemoryVoterStatusProjection();
        await status.BatchAsync([_log.Created(_poll), _log.Vote(_poll, "alice", 1)]);
        var batch = new PausedBatch([_log.Retract(_poll, "alice"), _log.Vote(_poll, "alice", 2), _log.Vote(_poll, "bob", 3)], pauseBefore: 2);

        await HalfWayAsync(status, batch, async () =>
        {
            Assert.Equal(1, (await status.GetAsync(_poll.Id, "alice", Ct))!.OptionId);
            Assert.Null(await status.GetAsync(_poll.Id, "bob", Ct));
        });

        Assert.Equal(2, (await status.GetAsync(_poll.Id, "alice", Ct))!.OptionId);
        Assert.Equal(3, (await status.GetAsync(_poll.Id, "bob", Ct))!.OptionId);
    }

    [Fact]
    public async Task HalfWayThroughABatchTheDeltaIsTheOneBeforeIt()
    {
        var delta = new MemoryDeltaProjection();
        await delta.BatchAsync([_log.Created(_poll), _log.Vote(_poll, "a", 1)]);
        var batch = new PausedBatch([_log.Vote(_poll, "b", 2), _log.Retract(_poll, "a"), _log.Vote(_poll, "c", 3)], pauseBefore: 2);
        var window = TimeSpan.FromMinutes(5);

        await HalfWayAsync(delta, batch, async () =>
            Assert.Equal([1L, 0, 0], (await delta.GetAsync(_poll.Id, window, EventScript.Start, Ct))!.Votes));

        Assert.Equal([0L, 1, 1], (await delta.GetAsync(_poll.Id, window, EventScript.Start, Ct))!.Votes);
    }

    [Fact]
    public async Task HalfWayThroughABatchTheCatalogueIsTheOneBeforeIt()
    {
        var catalog = new MemoryPollCatalogProjection();
        var lunch = EventScript.NewPoll("Lunch");
        var dinner = EventScript.NewPoll("Dinner");
        var breakfast = EventScript.NewPoll("Breakfast");
        await catalog.BatchAsync([_log.Created(lunch)]);
        var batch = new PausedBatch([_log.Created(dinner), _log.Close(lunch), _log.Created(breakfast)], pauseBefore: 2);

        await HalfWayAsync(catalog, batch, async () =>
        {
            Assert.Null(await catalog.GetAsync(dinner.Id, Ct));
            Assert.Null((await catalog.GetAsync(lunch.Id, Ct))!.ClosedAt);
            var page = await catalog.ListAsync(null, null, 1, 10, Ct);
            Assert.Equal([lunch.Id], page.Polls.Select(p => p.Id));
            Assert.Null(page.Polls[0].ClosedAt);
            Assert.Equal(0, (await catalog.ListAsync("dinner", null, 1, 10, Ct)).Total);
        });

        Assert.Equal(dinner, await catalog.GetAsync(dinner.Id, Ct));
        Assert.NotNull((await catalog.GetAsync(lunch.Id, Ct))!.ClosedAt);
        Assert.Equal(3, (await catalog.ListAsync(null, null, 1, 10, Ct)).Total);
    }

    [Fact]
    public async Task HalfWayThroughABatchTheResultsAreTheOnesBeforeIt()
    {
        var changes = new PollChangeFeed();
        var results = new MemoryResultsProjection(changes);
        await results.BatchAsync([_log.Created(_poll), _log.Vote(_poll, "a", 1)]);
        var changed = changes.NextChange(_poll.Id);
        var batch = new PausedBatch([_log.Vote(_poll, "b", 2), _log.Close(_poll), _log.Vote(_poll, "c", 3)], pauseBefore: 2);

        await HalfWayAsync(results, batch, async () =>
        {
            var tally = (await results.GetAsync(_poll.Id, Ct))!;
            Assert.Equal([1L, 0, 0], tally.Votes);
            Assert.Null(tally.ClosedAt);
            Assert.False(changed.IsCompleted);
        });

        Assert.Equal([1L, 1, 1], (await results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.True(changed.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task HalfWayThroughABatchTheHeatmapIsTheOneBeforeIt()
    {
        var heatmap = new MemoryHeatmapProjection();
        await heatmap.BatchAsync([_log.Created(_poll), _log.Vote(_poll, "a", 1, "EU")]);
        var batch = new PausedBatch([_log.Vote(_poll, "b", 2, "EU"), _log.Vote(_poll, "c", 3, "EU")], pauseBefore: 1);

        await HalfWayAsync(heatmap, batch, async () =>
            Assert.Equal([1L, 0, 0], (await heatmap.GetAsync(_poll.Id, Ct))!.Regions.Single().Votes));

        Assert.Equal([1L, 1, 1], (await heatmap.GetAsync(_poll.Id, Ct))!.Regions.Single().Votes);
    }

    [Fact]
    public async Task AReaderDuringManyBatchesNeverSeesAVoteItsOwnBatchRetracts()
    {
        const int Reads = 20_000;
        var status = new MemoryVoterStatusProjection();
        await status.BatchAsync([_log.Created(_poll)]);
        using var done = new CancellationTokenSource();
        var sightings = 0;
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                if (await status.GetAsync(_poll.Id, "fleeting", CancellationToken.None) is not null)
                {
                    sightings++;
                }
                Interlocked.Increment(ref reads);
            }
        }, Ct);

        // Batches go on until the reader has read often enough while they were being applied (bounded, should it starve).
        // Each casts the vote, then has other voters come and go, then retracts it.
        await Task.Run(async () =>
        {
            for (var i = 0; i < 20_000 && Volatile.Read(ref reads) < Reads && !reader.IsCompleted; i++)
            {
                var batch = new List<StoredEvent> { _log.Vote(_poll, "fleeting", i % 3 + 1) };
                for (var other = 0; other < 10; other++)
                {
                    batch.Add(_log.Vote(_poll, $"other-{other}", 1));
                    batch.Add(_log.Retract(_poll, $"other-{other}"));
                }
                batch.Add(_log.Retract(_poll, "fleeting"));
                await status.ApplyAsync(batch, Ct);
            }
        }, Ct);
        await done.CancelAsync();
        await reader;

        Assert.True(reads >= Reads, $"The reader read only {reads} times.");
        Assert.Equal(0, sightings);
        Assert.Equal(_log.LastSequence, await status.ReadCheckpointAsync(Ct));
    }

    /// <summary>Applies the batch on another thread, runs <paramref name="check"/> while it is held half-way, then lets it finish.</summary>
    private static async Task HalfWayAsync(IProjection projection, PausedBatch batch, Func<Task> check)
    {
        var before = await projection.ReadCheckpointAsync(Ct);
        var applying = Task.Run(() => projection.ApplyAsync(batch, Ct).AsTask(), Ct);
        try
        {
            await batch.Paused;
            await check();
            Assert.Equal(before, await projection.ReadCheckpointAsync(Ct));
        }
        finally
        {
            batch.Resume();
            await applying;
        }
        Assert.Equal(batch[^1].Sequence, await projection.ReadCheckpointAsync(Ct));
    }
}
