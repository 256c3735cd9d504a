using Tally.Domain.Polls;
using Tally.Views.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// A poll whose keys drifted or were lost is repaired from its own events in one script call: its keys cleared and
/// written again, the checkpoint left where it was, other polls untouched, and only by the current leader.
/// </summary>
public sealed class RedisRepairTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _prefix = SharedRedis.NewKeyPrefix();
    private readonly EventScript _log = new();
    private readonly Poll _poll = EventScript.NewPoll("Lunch today?", regions: ["EU", "US"]);
    private readonly Poll _other = EventScript.NewPoll("Dinner?", regions: ["EU"]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _log.Created(_poll);
        _log.Created(_other);
        for (var i = 0; i < 30; i++)
        {
            _log.Vote(_poll, $"voter-{i}", i % 3 + 1, i % 4 == 0 ? "US" : "EU", EventScript.Start.AddSeconds(i * 3));
            _log.Vote(_other, $"voter-{i}", i % 2 + 1, "EU", EventScript.Start.AddSeconds(i * 3));
        }
        _log.Retract(_poll, "voter-3", EventScript.Start.AddSeconds(100));
        _log.Close(_poll, EventScript.Start.AddSeconds(120));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await redis.DeleteAsync(_prefix);

    private string Pattern => new RedisKeys(_prefix).Pattern;

    [Fact]
    public async Task ALostHeatmapKeyIsRestoredExactlyFromThePollsEventsAndOtherPollsAreUntouched()
    {
        await using var node = new RedisNode(redis, _prefix, epoch: 1);
        await node.Views.ApplyAsync(_log.All);
        var before = await RedisSnapshot.OfAsync(redis, Pattern);
        var heatmap = (await node.Store.Generations.ActiveAsync(node.Heatmap.Name))!;
        await redis.Database.KeyDeleteAsync(heatmap.Heatmap(_poll.Id));
        Assert.Null(await node.Heatmap.GetAsync(_poll.Id, Ct));
        // The other poll drifted too, but it is not the one repaired: it keeps its drift.
        await redis.Database.HashIncrementAsync(heatmap.Heatmap(_other.Id), "1:EU", 7);

        var pollEvents = _log.All.Where(e => e.Event.PollId == _poll.Id).ToArray();
        foreach (var projection in node.Views.All)
        {
            await projection.RepairPollAsync(_poll.Id, pollEvents, Ct);
        }

        await redis.Database.HashIncrementAsync(heatmap.Heatmap(_other.Id), "1:EU", -7);
        Assert.Equal(before, await RedisSnapshot.OfAsync(redis, Pattern));
        Assert.All(await node.Views.CheckpointsAsync(), checkpoint => Assert.Equal(_log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task ARepairReplacesDriftedCountersAndTellsLiveStreams()
    {
        await using var node = new RedisNode(redis, _prefix);
        await node.Views.ApplyAsync(_log.All);
        var truth = await node.Results.CountAsync(_poll.Id, Ct);
        var results = (await node.Store.Generations.ActiveAsync(node.Results.Name))!;
        await redis.Database.HashIncrementAsync(results.Results(_poll.Id), "2", 500);
        Assert.NotEqual(truth, await node.Results.CountAsync(_poll.Id, Ct));
        var changed = node.Views.Changes.NextChange(_poll.Id);

        await node.Results.RepairPollAsync(_poll.Id, _log.All.Where(e => e.Event.PollId == _poll.Id).ToArray(), Ct);

        Assert.Equal(truth, await node.Results.CountAsync(_poll.Id, Ct));
        Assert.True(changed.IsCompleted);
    }

    [Fact]
    public async Task ARepairFromAFencedEpochIsRefusedAndChangesNothing()
    {
        await using var node = new RedisNode(redis, _prefix, epoch: 4);
        await node.Views.ApplyAsync(_log.All);
        var heatmap = (await node.Store.Generations.ActiveAsync(node.Heatmap.Name))!;
        await redis.Database.KeyDeleteAsync(heatmap.Heatmap(_poll.Id));
        await new RedisEpochFence(new RedisNode(redis, _prefix).Store).AdvanceAsync(5);
        var before = await RedisSnapshot.OfAsync(redis, Pattern);

        await Assert.ThrowsAsync<ProjectionFencedException>(async () =>
            await node.Heatmap.RepairPollAsync(_poll.Id, _log.All.Where(e => e.Event.PollId == _poll.Id).ToArray(), Ct));

        Assert.Equal(before, await RedisSnapshot.OfAsync(redis, Pattern));
        Assert.Null(await node.Heatmap.GetAsync(_poll.Id, Ct));
    }
}
