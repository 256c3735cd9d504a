using Tally.Domain.Polls;
using Tally.Views.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// Shadow rebuilds in Redis: a new generation of a view's keys that no reader sees until the swap, which every node
/// follows at once; the generation it replaced is deleted after the grace period.
/// </summary>
public sealed class RedisShadowTests(RedisServer redis) : RedisPrefixTests(redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Poll _poll = EventScript.NewPoll(regions: ["EU", "US"]);
    private readonly Poll _other = EventScript.NewPoll("Dinner?", regions: ["EU"]);

    public override ValueTask InitializeAsync()
    {
        Log.Created(_poll);
        Log.Created(_other);
        for (var i = 0; i < 40; i++)
        {
            Log.Vote(_poll, $"voter-{i}", i % 3 + 1, i % 4 == 0 ? "US" : "EU", EventScript.Start.AddSeconds(i));
            Log.Vote(_other, $"voter-{i}", i % 2 + 1, i % 5 == 0 ? null : "EU", EventScript.Start.AddSeconds(i));
        }
        Log.Retract(_poll, "voter-3", EventScript.Start.AddSeconds(50));
        // Admin changes that leave the counts as they were: one reinstated, one voted again the same way.
        Log.RetractByAdmin(_poll, "voter-6", "bot", EventScript.Start.AddSeconds(51));
        Log.RetractByAdmin(_poll, "voter-7", "bot", EventScript.Start.AddSeconds(51));
        Log.Reinstate(_poll, "voter-6", EventScript.Start.AddSeconds(52));
        Log.Vote(_poll, "voter-7", 2, "EU", EventScript.Start.AddSeconds(52));
        Log.Close(_other, EventScript.Start.AddSeconds(60));
        Log.RetractByAdmin(_other, "voter-0", "late review", EventScript.Start.AddSeconds(61));
        Log.Reinstate(_other, "voter-0", EventScript.Start.AddSeconds(62));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AShadowFedTheSameEventsCountsWhatTheLiveViewCounts()
    {
        await using var node = new RedisNode(Redis, Prefix);
        await node.Views.ApplyAsync(Log.All);
        var results = node.Results.CreateShadow();
        var heatmap = node.Heatmap.CreateShadow();

        await results.ApplyAsync(Log.All, Ct);
        await heatmap.ApplyAsync(Log.All, Ct);

        foreach (var poll in new[] { _poll, _other })
        {
            var liveResults = await node.Results.CountAsync(poll.Id, Ct);
            Assert.Equal(poll.Options.Count, liveResults.Count);
            Assert.Equal(liveResults, await results.CountAsync(poll.Id, Ct));
            Assert.Equal(await node.Heatmap.CountAsync(poll.Id, Ct), await heatmap.CountAsync(poll.Id, Ct));
        }
        Assert.Equal([new HeldVotes(1, null, 13), new HeldVotes(2, null, 13), new HeldVotes(3, null, 13)], await results.CountAsync(_poll.Id, Ct));
        Assert.Contains(new HeldVotes(1, "US", 4), await heatmap.CountAsync(_poll.Id, Ct));
        Assert.Equal(Log.LastSequence, await results.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task AShadowIsUnseenUntilItsSwapThenEveryNodeReadsItAndTheFormerGenerationIsDeletedAfterTheGracePeriod()
    {
        await using var leader = new RedisNode(Redis, Prefix);
        await using var reader = await new RedisNode(Redis, Prefix).ListenAsync();
        await leader.Views.ApplyAsync(Log.All);
        var truth = (await leader.Results.GetAsync(_poll.Id, Ct))!;
        // The live results drifted (as a lost or doubled write would leave them); every node reads the drift.
        var former = (await leader.Store.Generations.ActiveAsync(leader.Results.Name))!;
        await Redis.Database.HashIncrementAsync(former.Results(_poll.Id), "1", 1000);
        Assert.Equal(truth.Votes[0] + 1000, (await reader.Results.GetAsync(_poll.Id, Ct))!.Votes[0]);
        var shadows = leader.Views.All.Select(p => p.CreateShadow()).ToArray();
        foreach (var shadow in shadows)
        {
            await shadow.ApplyAsync(Log.All, Ct);
        }
        Assert.Equal(truth.Votes[0] + 1000, (await reader.Results.GetAsync(_poll.Id, Ct))!.Votes[0]);
        var refreshed = reader.Views.Changes.NextChange(_poll.Id);

        foreach (var shadow in shadows)
        {
            await shadow.SwapInAsync(Ct);
        }

        Assert.Equal(truth.Votes, (await leader.Results.GetAsync(_poll.Id, Ct))!.Votes);
        await refreshed.WaitAsync(Patience, Ct);
        await Eventually.HoldsAsync(async () => (await reader.Results.GetAsync(_poll.Id, Ct))!.Votes.SequenceEqual(truth.Votes), Patience,
            "the other node reads the swapped-in generation", Ct);
        Assert.Equal(await new RedisNode(Redis, Prefix).Views.CheckpointsAsync(), await reader.Views.CheckpointsAsync());
        Assert.Equal(_other.Title, (await reader.Views.Catalog.View.GetAsync(_other.Id, Ct))!.Title);
        await Eventually.HoldsAsync(async () => await leader.KeyCountAsync(former) == 0, Patience, "the former generation is deleted after the grace period", Ct);

        // The live view writes on into the swapped-in generation.
        await leader.Views.ApplyAsync([Log.Vote(_poll, "late", 1, "EU")]);
        Assert.Equal(truth.Votes[0] + 1, (await reader.Results.GetAsync(_poll.Id, Ct))!.Votes[0]);
        Assert.All(await reader.Views.CheckpointsAsync(), checkpoint => Assert.Equal(Log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task ShadowsOfALogWithAdminRetractionsAndReinstatementsAnswerAsTheLiveViewsDid()
    {
        await using var node = new RedisNode(Redis, Prefix);
        await node.Views.ApplyAsync(Log.All);
        var before = await AnswersAsync(node);
        Assert.Equal(EventScript.Start.AddSeconds(62), (await node.Results.GetAsync(_other.Id, Ct))!.AmendedAt);
        Assert.Null((await node.Views.Voters.View.GetAsync(_poll.Id, "voter-7", Ct))!.RetractedAt);
        var shadows = node.Views.All.Select(p => p.CreateShadow()).ToArray();
        foreach (var shadow in shadows)
        {
            await shadow.ApplyAsync(Log.All, Ct);
        }

        foreach (var shadow in shadows)
        {
            await shadow.SwapInAsync(Ct);
        }

        Assert.Equal(before, await AnswersAsync(node));
    }

    [Fact]
    public async Task ANodeFollowsASwapAtItsAnnouncementWithoutWaitingForItsRefresh()
    {
        await using var leader = new RedisNode(Redis, Prefix);
        await using var reader = await new RedisNode(Redis, Prefix, refresh: TimeSpan.FromHours(1)).ListenAsync();
        await leader.Views.ApplyAsync(Log.All);
        var former = (await reader.Store.Generations.ActiveAsync(reader.Heatmap.Name))!;
        var shadow = leader.Heatmap.CreateShadow();
        await shadow.ApplyAsync(Log.All, Ct);

        await shadow.SwapInAsync(Ct);

        await Eventually.HoldsAsync(async () => (await reader.Store.Generations.ActiveAsync(reader.Heatmap.Name))!.Id != former.Id, Patience,
            "the announcement makes the node read the pointers again", Ct);
        Assert.Equal(await leader.Heatmap.CountAsync(_poll.Id, Ct), await reader.Heatmap.CountAsync(_poll.Id, Ct));
    }

    [Fact]
    public async Task AShadowSwapsOnlyWhenItCaughtUpWithTheLiveViewItWasMadeAgainst()
    {
        await using var node = new RedisNode(Redis, Prefix, epoch: 2);
        await node.Views.ApplyAsync(Log.All);
        var shadow = node.Results.CreateShadow();
        await shadow.ApplyAsync(Log.Range(1, 10), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await shadow.SwapInAsync(Ct));

        await node.Results.ForgetAsync(Ct);
        await Assert.ThrowsAsync<ViewsLostException>(async () => await shadow.ApplyAsync(Log.All, Ct));
        await Assert.ThrowsAsync<ViewsLostException>(async () => await shadow.SwapInAsync(Ct));
        Assert.Null(await node.Results.GetAsync(_poll.Id, Ct));
    }

    [Fact]
    public async Task ADiscardedShadowLeavesNoKeysAndTheLiveViewUntouched()
    {
        await using var node = new RedisNode(Redis, Prefix);
        await node.Views.ApplyAsync(Log.All);
        var before = await RedisSnapshot.OfAsync(Redis, new RedisKeys(Prefix).Pattern);
        var shadows = node.Views.All.Select(p => p.CreateShadow()).ToArray();
        foreach (var shadow in shadows)
        {
            await shadow.ApplyAsync(Log.All, Ct);
        }
        Assert.NotEqual(before, await RedisSnapshot.OfAsync(Redis, new RedisKeys(Prefix).Pattern));

        foreach (var shadow in shadows)
        {
            await shadow.DiscardAsync(Ct);
        }

        Assert.Equal(before, await RedisSnapshot.OfAsync(Redis, new RedisKeys(Prefix).Pattern));
    }

    private async Task<string> AnswersAsync(RedisNode node)
    {
        var answers = new List<object?>();
        foreach (var poll in new[] { _poll, _other })
        {
            answers.Add(await node.Results.GetAsync(poll.Id, Ct));
            answers.Add(await node.Heatmap.CountAsync(poll.Id, Ct));
            for (var i = 0; i < 40; i++)
            {
                answers.Add(await node.Views.Voters.View.GetAsync(poll.Id, $"voter-{i}", Ct));
            }
        }
        return System.Text.Json.JsonSerializer.Serialize(answers);
    }
}
