using Tally.Domain.Polls;
using Tally.Views.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// A poll whose keys drifted or were lost is repaired from its own events in one script call: its keys cleared and
/// written again, the checkpoint left where it was, other polls untouched, and only by the current leader.
/// </summary>
public sealed class RedisRepairTests(RedisServer redis) : RedisPrefixTests(redis)
{
    private readonly Poll _poll = EventScript.NewPoll("Lunch today?", regions: ["EU", "US"]);
    private readonly Poll _other = EventScript.NewPoll("Dinner?", regions: ["EU"]);

    public override ValueTask InitializeAsync()
    {
        Log.Created(_poll);
        Log.Created(_other);
        for (var i = 0; i < 30; i++)
        {
            Log.Vote(_poll, $"voter-{i}", i % 3 + 1, i % 4 == 0 ? "US" : "EU", EventScript.Start.AddSeconds(i * 3));
            Log.Vote(_other, $"voter-{i}", i % 2 + 1, "EU", EventScript.Start.AddSeconds(i * 3));
        }
        Log.Retract(_poll, "voter-3", EventScript.Start.AddSeconds(100));
        Log.RetractByAdmin(_poll, "voter-7", "bot", EventScript.Start.AddSeconds(101));
        Log.Vote(_poll, "voter-7", 1, "EU", EventScript.Start.AddSeconds(102));
        Log.Close(_poll, EventScript.Start.AddSeconds(120));
        Log.RetractByAdmin(_poll, "voter-5", "bot", EventScript.Start.AddSeconds(130));
        Log.RetractByAdmin(_poll, "voter-6", "bot", EventScript.Start.AddSeconds(130));
        Log.Reinstate(_poll, "voter-6", EventScript.Start.AddSeconds(140));
        return ValueTask.CompletedTask;
    }

    private string Pattern => new RedisKeys(Prefix).Pattern;

    [Fact]
    public async Task ALostHeatmapKeyIsRestoredExactlyFromThePollsEventsAndOtherPollsAreUntouched()
    {
        await using var node = new RedisNode(Redis, Prefix, epoch: 1);
        await node.Views.ApplyAsync(Log.All);
        var before = await RedisSnapshot.OfAsync(Redis, Pattern);
        var heatmap = (await node.Store.Generations.ActiveAsync(node.Heatmap.Name))!;
        await Redis.Database.KeyDeleteAsync(heatmap.Heatmap(_poll.Id));
        Assert.Null(await node.Heatmap.GetAsync(_poll.Id, Ct));
        var voters = (await node.Store.Generations.ActiveAsync(node.Views.Voters.Projection.Name))!;
        await Redis.Database.KeyDeleteAsync(voters.VoterRetractions(_poll.Id));
        Assert.Null((await node.Views.Voters.View.GetAsync(_poll.Id, "voter-5", Ct))!.RetractedAt);
        // The other poll drifted too, but it is not the one repaired: it keeps its drift.
        await Redis.Database.HashIncrementAsync(heatmap.Heatmap(_other.Id), "1:EU", 7);

        var pollEvents = Log.All.Where(e => e.Event.PollId == _poll.Id).ToArray();
        foreach (var projection in node.Views.All)
        {
            await projection.RepairPollAsync(_poll.Id, pollEvents, Ct);
        }

        await Redis.Database.HashIncrementAsync(heatmap.Heatmap(_other.Id), "1:EU", -7);
        Assert.Equal(before, await RedisSnapshot.OfAsync(Redis, Pattern));
        Assert.All(await node.Views.CheckpointsAsync(), checkpoint => Assert.Equal(Log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task ARepairReplacesDriftedCountersAndTellsLiveStreams()
    {
        await using var node = new RedisNode(Redis, Prefix);
        await node.Views.ApplyAsync(Log.All);
        var truth = await node.Results.CountAsync(_poll.Id, Ct);
        var results = (await node.Store.Generations.ActiveAsync(node.Results.Name))!;
        await Redis.Database.HashIncrementAsync(results.Results(_poll.Id), "2", 500);
        Assert.NotEqual(truth, await node.Results.CountAsync(_poll.Id, Ct));
        var changed = node.Views.Changes.NextChange(_poll.Id);

        await node.Results.RepairPollAsync(_poll.Id, Log.All.Where(e => e.Event.PollId == _poll.Id).ToArray(), Ct);

        Assert.Equal(truth, await node.Results.CountAsync(_poll.Id, Ct));
        Assert.True(changed.IsCompleted);
    }

    [Fact]
    public async Task ARepairFromAFencedEpochIsRefusedAndChangesNothing()
    {
        await using var node = new RedisNode(Redis, Prefix, epoch: 4);
        await node.Views.ApplyAsync(Log.All);
        var heatmap = (await node.Store.Generations.ActiveAsync(node.Heatmap.Name))!;
        await Redis.Database.KeyDeleteAsync(heatmap.Heatmap(_poll.Id));
        await new RedisEpochFence(new RedisNode(Redis, Prefix).Store).AdvanceAsync(5);
        var before = await RedisSnapshot.OfAsync(Redis, Pattern);

        await Assert.ThrowsAsync<ProjectionFencedException>(async () =>
            await node.Heatmap.RepairPollAsync(_poll.Id, Log.All.Where(e => e.Event.PollId == _poll.Id).ToArray(), Ct));

        Assert.Equal(before, await RedisSnapshot.OfAsync(Redis, Pattern));
        Assert.Null(await node.Heatmap.GetAsync(_poll.Id, Ct));
    }
}
