using Tally.Domain.Polls;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// Views whose keys are gone (a FLUSHALL — here of the test's prefix only, as Redis is shared) are noticed: the stamp
/// reads as missing, and every write of the generation that was flushed is refused instead of landing on nothing.
/// </summary>
public sealed class RedisLostViewsTests(RedisServer redis) : RedisPrefixTests(redis)
{
    private readonly Poll _poll = EventScript.NewPoll(regions: ["EU"]);

    [Fact]
    public async Task TheStampIsReadBackAndRecordsProgress()
    {
        await using var node = new RedisNode(Redis, Prefix);
        Assert.Null(await node.Stamp.ReadAsync(Ct));
        var stamp = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");

        await node.Stamp.StartAsync(stamp, Ct);
        await node.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);
        await node.Stamp.RecordAsync(stamp with { Checkpoint = 2, CheckpointHash = "h2" }, Ct);

        Assert.Equal(stamp with { Checkpoint = 2, CheckpointHash = "h2" }, await new RedisNode(Redis, Prefix).Stamp.ReadAsync(Ct));
        await Assert.ThrowsAsync<ViewsLostException>(async () => await node.Stamp.RecordAsync(stamp with { Generation = Guid.NewGuid() }, Ct));
    }

    [Fact]
    public async Task AfterAFlushApplyAndRecordAreRefusedAndTheStampReadsAsMissing()
    {
        await using var node = new RedisNode(Redis, Prefix, epoch: 3);
        var stamp = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");
        await node.Stamp.StartAsync(stamp, Ct);
        await node.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);

        await Redis.DeleteAsync(Prefix);

        Assert.Null(await node.Stamp.ReadAsync(Ct));
        var late = Log.Vote(_poll, "b", 2, "EU");
        foreach (var projection in node.Views.All)
        {
            await Assert.ThrowsAsync<ViewsLostException>(async () => await projection.ApplyAsync([late], Ct));
        }
        await Assert.ThrowsAsync<ViewsLostException>(async () => await node.Stamp.RecordAsync(stamp with { Checkpoint = 3 }, Ct));
        // Refused again, not quietly started afresh: only a new stamp gives the views a generation again.
        await Assert.ThrowsAsync<ViewsLostException>(async () => await node.Results.ApplyAsync([Log.Vote(_poll, "c", 2, "EU")], Ct));
        Assert.Equal(0, await RedisSnapshot.KeyCountAsync(Redis, Prefix));

        await node.Stamp.StartAsync(stamp with { Generation = Guid.NewGuid() }, Ct);
        await node.Views.ApplyAsync(Log.All);
        Assert.Equal([1L, 2, 0], (await node.Results.GetAsync(_poll.Id, Ct))!.Votes);
        Assert.All(await node.Views.CheckpointsAsync(), checkpoint => Assert.Equal(Log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task APausedFormerLeaderIsRefusedAfterAFlushEvenBeforeTheNewLeaderRestoresTheEpoch()
    {
        await using var former = new RedisNode(Redis, Prefix, epoch: 4);
        await former.Stamp.StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), Ct);
        await former.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);

        // The flush takes the stored epoch too: the fence alone would let epoch 4 raise it and write.
        await Redis.DeleteAsync(Prefix);

        Log.Vote(_poll, "b", 2, "EU");
        foreach (var projection in former.Views.All)
        {
            await Assert.ThrowsAsync<ViewsLostException>(async () => await projection.ApplyAsync(Log.All, Ct));
            await Assert.ThrowsAsync<ViewsLostException>(async () => await projection.RepairPollAsync(_poll.Id, Log.All, Ct));
        }
        Assert.Equal(0, await RedisSnapshot.KeyCountAsync(Redis, Prefix));

        // The new leader starts new views with its higher epoch; the former one's stamp or forget is fenced from then on.
        await using var leader = new RedisNode(Redis, Prefix, epoch: 5);
        await leader.Stamp.StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), Ct);
        await Assert.ThrowsAsync<ProjectionFencedException>(async () => await former.Stamp.StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), Ct));
        await Assert.ThrowsAsync<ProjectionFencedException>(async () => await former.Results.ForgetAsync(Ct));
        await Assert.ThrowsAsync<ProjectionFencedException>(async () => await former.Results.ApplyAsync(Log.All, Ct));
        Assert.Equal(5, (long)await Redis.Database.StringGetAsync(leader.Store.Keys.LeaderEpoch));
    }

    [Fact]
    public async Task ReadersOfFlushedViewsFindNothingAndTheirCheckpointIsZero()
    {
        await using var node = new RedisNode(Redis, Prefix);
        await node.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);
        await using var reader = new RedisNode(Redis, Prefix);
        Assert.NotNull(await reader.Results.GetAsync(_poll.Id, Ct));

        await Redis.DeleteAsync(Prefix);

        await Eventually.HoldsAsync(async () => await reader.Results.GetAsync(_poll.Id, Ct) is null, TimeSpan.FromSeconds(10),
            "the reader notices the pointer is gone within its refresh", Ct);
        Assert.Equal(0, await reader.Results.ReadCheckpointAsync(Ct));
        Assert.Empty(await reader.Results.CountAsync(_poll.Id, Ct));
    }
}
