using Tally.Domain.Polls;
using Tally.Views.Heatmap;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// The apply script's guarantees: counters and checkpoint move together or not at all, a stale writer or a fenced one
/// changes nothing, and a re-delivered batch is skipped by its sequence.
/// </summary>
public sealed class RedisApplyTests(RedisServer redis) : RedisPrefixTests(redis)
{
    private readonly Poll _poll = EventScript.NewPoll(regions: ["EU"]);

    [Fact]
    public async Task TheScriptRefusesAStaleCheckpointAndChangesNothing()
    {
        var store = Redis.Store(Prefix);
        var results = new RedisResultsProjection(store, new PollChangeFeed());
        await results.BatchAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1)]);
        var generation = (await store.Generations.ActiveAsync(results.Name))!;
        var changes = new ChangeSet();
        var key = generation.Results(_poll.Id);
        changes.Guarded(key).Increment(key, 1, 100);

        var outcome = await ApplyScript.RunAsync(store.Database, store.Keys, results.Name, generation, generation.Id, expected: 1, next: 3, epoch: null, announcement: null, changes);

        Assert.Equal(new ApplyOutcome(ApplyStatus.StaleCheckpoint, "2"), outcome);
        Assert.Equal([1L, 0, 0], (await results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.Equal(2, await results.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task CountersAndCheckpointMoveInOneStep()
    {
        var store = Redis.Store(Prefix);
        var results = new RedisResultsProjection(store, new PollChangeFeed());
        await results.BatchAsync([Log.Created(_poll)]);
        var generation = (await store.Generations.ActiveAsync(results.Name))!;
        var changes = new ChangeSet();
        var key = generation.Results(_poll.Id);
        changes.Guarded(key).Increment(key, 2, 5).Increment(key, "total", 5);

        var outcome = await ApplyScript.RunAsync(store.Database, store.Keys, results.Name, generation, generation.Id, expected: 1, next: 6, epoch: null, announcement: null, changes);

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal([0L, 5, 0], (await results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.Equal(6, await results.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task AFencedWriterChangesNothing()
    {
        var epoch = new LeaderEpoch { Current = 6 };
        var store = Redis.Store(Prefix, epoch);
        var results = new RedisResultsProjection(store, new PollChangeFeed());
        await Redis.Database.StringSetAsync(store.Keys.LeaderEpoch, 7);

        await Assert.ThrowsAsync<ProjectionFencedException>(() => results.BatchAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1)]).AsTask());

        Assert.Null(await results.GetAsync(_poll.Id, Ct));
        Assert.Equal(0, await results.ReadCheckpointAsync(Ct));

        epoch.Current = 7;
        await results.BatchAsync(Log.All);
        Assert.Equal([1L, 0, 0], (await results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.Equal(2, await results.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task AMissingStoredEpochIsRestoredByTheFirstApplyAndALowerOneIsRefusedFromThenOn()
    {
        // As after a FLUSHALL: nothing stored. The leader's epoch comes from the ledger, so its first apply puts it back.
        var leader = new LeaderEpoch { Current = 5 };
        var results = new RedisResultsProjection(Redis.Store(Prefix, leader), new PollChangeFeed());
        await results.BatchAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1)]);
        var store = Redis.Store(Prefix, new LeaderEpoch { Current = 4 });
        Assert.Equal(5, (long)await Redis.Database.StringGetAsync(store.Keys.LeaderEpoch));

        var former = new RedisResultsProjection(store, new PollChangeFeed());
        Log.Vote(_poll, "b", 2);
        await Assert.ThrowsAsync<ProjectionFencedException>(() => former.BatchAsync(Log.All).AsTask());

        Assert.Equal([1L, 0, 0], (await results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.Equal(2, await results.ReadCheckpointAsync(Ct));
        Assert.Equal(5, (long)await Redis.Database.StringGetAsync(store.Keys.LeaderEpoch));
    }

    [Fact]
    public async Task ARevokedEpochIsFencedEvenWithNothingStored()
    {
        var store = Redis.Store(Prefix);
        var fence = new RedisEpochFence(store);
        fence.Revoke();
        var heatmap = new RedisHeatmapProjection(store);

        await Assert.ThrowsAsync<ProjectionFencedException>(() => heatmap.BatchAsync([Log.Created(_poll)]).AsTask());

        Assert.Null(await heatmap.GetAsync(_poll.Id, Ct));
        Assert.False(await Redis.Database.KeyExistsAsync(store.Keys.LeaderEpoch));
    }

    [Fact]
    public async Task TheFenceOnlyRaisesTheStoredEpoch()
    {
        var fence = new RedisEpochFence(Redis.Store(Prefix));
        Assert.Equal(0, await fence.HighestEpochAsync());

        await fence.AdvanceAsync(7);
        await new RedisEpochFence(Redis.Store(Prefix)).AdvanceAsync(3);

        Assert.Equal(7, await fence.HighestEpochAsync());
    }

    [Fact]
    public async Task ARedeliveredBatchChangesNothing()
    {
        var views = new RedisNode(Redis, Prefix).Views;
        Log.Created(_poll);
        Log.Vote(_poll, "a", 1, "EU");
        Log.Vote(_poll, "b", 2, "EU");
        await views.ApplyAsync(Log.All);
        var before = await SnapshotAsync();

        // A fresh node knows no checkpoint of its own: it must read it and skip the whole batch.
        await new RedisNode(Redis, Prefix).Views.ApplyAsync(Log.All);
        await views.ApplyAsync(Log.All);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AWriterWhoseCheckpointFellBehindSkipsWhatAnotherAppliedAndCountsTheRest()
    {
        var first = new RedisResultsProjection(Redis.Store(Prefix), new PollChangeFeed());
        var second = new RedisResultsProjection(Redis.Store(Prefix), new PollChangeFeed());
        await first.BatchAsync([Log.Created(_poll)]);
        await second.BatchAsync(Log.All);
        for (var i = 0; i < 4; i++)
        {
            Log.Vote(_poll, $"v{i}", 1);
        }
        await first.BatchAsync(Log.Range(1, 3));

        // The second node still believes the checkpoint is 1: the script refuses, it re-reads 3 and applies 4 and 5 only.
        await second.BatchAsync(Log.All);

        Assert.Equal([4L, 0, 0], (await second.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.Equal(Log.LastSequence, await first.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task AWriterBehindAnotherByPartOfALargeBatchSkipsExactlyWhatWasAppliedWhileItsChunksWereInFlight()
    {
        var first = new RedisHeatmapProjection(Redis.Store(Prefix));
        var second = new RedisHeatmapProjection(Redis.Store(Prefix));
        await first.BatchAsync([Log.Created(_poll)]);
        await second.BatchAsync(Log.All);
        var votes = RedisProjection.ChunkSize * (RedisProjection.Pipeline + 1);
        for (var i = 0; i < votes; i++)
        {
            Log.Vote(_poll, $"voter-{i}", 1, "EU");
        }
        // The other writer got part of the way into what the second one's pipelined chunks expect to find.
        await first.BatchAsync(Log.Range(1, RedisProjection.ChunkSize + 123));

        await second.BatchAsync(Log.All);

        Assert.Equal(votes, (await second.GetAsync(_poll.Id, Ct))!.Regions.Single().Total);
        Assert.Equal(Log.LastSequence, await first.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task ACheckpointThatMovedBackIsReportedNotPapered()
    {
        var store = Redis.Store(Prefix);
        var results = new RedisResultsProjection(store, new PollChangeFeed());
        await results.BatchAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1)]);
        await Redis.Database.StringSetAsync((await store.Generations.ActiveAsync(results.Name))!.Checkpoint, 1);

        await Assert.ThrowsAsync<CheckpointMovedBackException>(() => results.BatchAsync([Log.Vote(_poll, "b", 1)]).AsTask());

        Assert.Equal(1, await results.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task ALargeBatchIsAppliedInChunksAndCountsEveryVote()
    {
        var views = new RedisNode(Redis, Prefix).Views;
        Log.Created(_poll);
        var votes = RedisProjection.ChunkSize * 2 + 37;
        for (var i = 0; i < votes; i++)
        {
            Log.Vote(_poll, $"voter-{i}", i % 3 + 1, "EU", EventScript.Start.AddSeconds(i % 40));
        }

        await views.ApplyAsync(Log.All);

        var results = (await views.Results.View.GetAsync(_poll.Id, Ct))!;
        Assert.Equal(votes, results.TotalVotes);
        Assert.Equal(votes, (await views.Heatmap.View.GetAsync(_poll.Id, Ct))!.Regions.Single().Total);
        Assert.Equal(votes, (await views.Delta.View.GetAsync(_poll.Id, TimeSpan.FromMinutes(5), EventScript.Start.AddMinutes(1), Ct))!.Total);
        Assert.Equal((votes - 1) % 3 + 1, (await views.Voters.View.GetAsync(_poll.Id, $"voter-{votes - 1}", Ct))!.OptionId);
        Assert.All(await views.CheckpointsAsync(), checkpoint => Assert.Equal(Log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task ChangesAppliedByOneNodeReachAnotherNodesLiveStreams()
    {
        var writerChanges = new PollChangeFeed();
        var writer = new RedisResultsProjection(Redis.Store(Prefix), writerChanges);
        var readerChanges = new PollChangeFeed();
        var relay = new RedisChangeRelay(Redis.Store(Prefix), readerChanges, []);
        await relay.StartAsync(Ct);
        try
        {
            await writer.BatchAsync([Log.Created(_poll)]);
            var changed = readerChanges.NextChange(_poll.Id);

            await writer.BatchAsync([Log.Vote(_poll, "a", 1)]);

            await changed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            await relay.StopAsync(Ct);
        }
    }

    private Task<string> SnapshotAsync() => RedisSnapshot.OfAsync(Redis, new RedisKeys(Prefix).Pattern);
}
