using Microsoft.Extensions.Options;
using Tally.Domain.Polls;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Redis;

/// <summary>
/// A node that does not write the views keeps what it read in memory and serves it while no announced chunk changed the
/// poll, and never once its applied checkpoint passed a change it has not heard of.
/// </summary>
public sealed class NearCacheTests(RedisServer redis) : RedisPrefixTests(redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Poll _poll = EventScript.NewPoll(regions: ["EU"]);

    [Fact]
    public async Task AReaderServesItsTallyFromMemoryUntilAChangeOfThePollReachesItsCheckpoint()
    {
        var writer = new RedisNode(Redis, Prefix);
        await writer.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);
        await using var reader = await new RedisNode(Redis, Prefix).ListenAsync();
        var progress = new ViewProgress();
        var near = new NearResultsView(reader.Results, reader.Store, progress, new ViewsState(), Options.Create(new RedisViewsOptions()));
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        await Eventually.HoldsAsync(() => reader.Store.Announced.Heard >= Log.LastSequence, Patience, "the reader's mark came back", Ct);
        Assert.Equal(1, (await near.GetWithCheckpointAsync(_poll.Id, Ct)).Results!.TotalVotes);

        // Changed behind every node's back: a reader serving from memory does not see it.
        var key = (await reader.Store.Generations.ActiveAsync(reader.Results.Name))!.Results(_poll.Id);
        await Redis.Database.HashIncrementAsync(key, "total", 100);
        var held = await near.GetWithCheckpointAsync(_poll.Id, Ct);
        Assert.Equal(1, held.Results!.TotalVotes);
        Assert.Equal(Log.LastSequence, held.Checkpoint);

        // A vote the reader's checkpoint reaches is in its answer at once, whether or not the announcement arrived yet.
        await writer.Views.ApplyAsync([Log.Vote(_poll, "b", 2, "EU")]);
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        Assert.Equal(102, (await near.GetWithCheckpointAsync(_poll.Id, Ct)).Results!.TotalVotes);
    }

    [Fact]
    public async Task ReadersWhoMissTogetherShareOneReadUnlessTheirCheckpointPassedIt()
    {
        await using var reader = await new RedisNode(Redis, Prefix).ListenAsync();
        var progress = new ViewProgress();
        progress.Advance(10, DateTimeOffset.UtcNow);
        var polls = new NearPolls<int>(reader.Store, progress, new ViewsState(), capacity: 10);
        var reads = 0;
        Func<Guid, CancellationToken, ValueTask<(long, int)>> ReadingFrom(TaskCompletionSource<(long, int)> answer) => (_, _) =>
        {
            Interlocked.Increment(ref reads);
            return new(answer.Task);
        };

        // A crowd misses on a poll while the first read is still under way: one read answers them all.
        var answer = new TaskCompletionSource<(long, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var crowd = Enumerable.Range(0, 20).Select(_ => polls.GetAsync(_poll.Id, ReadingFrom(answer), Ct).AsTask()).ToList();
        answer.SetResult((10, 7));
        Assert.All(await Task.WhenAll(crowd), a => Assert.Equal((10L, 7), a));
        Assert.Equal(1, reads);

        // A reader whose checkpoint passed the one the read under way started at must not get its answer: it reads again.
        var other = Guid.NewGuid();
        var early = new TaskCompletionSource<(long, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = polls.GetAsync(other, ReadingFrom(early), Ct).AsTask();
        progress.Advance(11, DateTimeOffset.UtcNow);
        var later = new TaskCompletionSource<(long, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        later.SetResult((11, 9));
        var second = polls.GetAsync(other, ReadingFrom(later), Ct).AsTask();
        early.SetResult((10, 8));
        Assert.Equal((10L, 8), await first);
        Assert.Equal((11L, 9), await second);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task AnotherPollsChangesLeaveAHeldTallyAndAMovedGenerationDropsIt()
    {
        var other = EventScript.NewPoll();
        var writer = new RedisNode(Redis, Prefix);
        await writer.Views.ApplyAsync([Log.Created(_poll), Log.Created(other), Log.Vote(_poll, "a", 1, "EU")]);
        await using var reader = await new RedisNode(Redis, Prefix).ListenAsync();
        var progress = new ViewProgress();
        var near = new NearHeatmapView(reader.Heatmap, reader.Store, progress, new ViewsState(), Options.Create(new RedisViewsOptions()));
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        await Eventually.HoldsAsync(() => reader.Store.Announced.Heard >= Log.LastSequence, Patience, "the reader's mark came back", Ct);
        Assert.Equal(1, (await near.GetAsync(_poll.Id, Ct))!.Regions.Single().Total);
        var key = (await reader.Store.Generations.ActiveAsync(reader.Heatmap.Name))!.Heatmap(_poll.Id);
        await Redis.Database.HashIncrementAsync(key, "1:EU", 100);

        await writer.Views.ApplyAsync([Log.Vote(other, "a", 1)]);
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        await Eventually.HoldsAsync(() => reader.Store.Announced.Heard >= Log.LastSequence, Patience, "the reader heard the other poll's chunk", Ct);
        Assert.Equal(1, (await near.GetAsync(_poll.Id, Ct))!.Regions.Single().Total);

        await writer.Heatmap.ForgetAsync(Ct);
        await Eventually.HoldsAsync(async () => (await near.GetAsync(_poll.Id, Ct)) is null, Patience, "the forgotten generation's heatmap is not served", Ct);
    }

    [Fact]
    public async Task AHeldDeltaAnswersItsOwnWindowUntilTheClockMovesItsFirstBucketOrTheChangeOfThePollArrives()
    {
        var writer = new RedisNode(Redis, Prefix);
        var voted = Log.Now;
        await writer.Views.ApplyAsync([Log.Created(_poll), Log.Vote(_poll, "a", 1, "EU")]);
        await using var reader = await new RedisNode(Redis, Prefix).ListenAsync();
        var progress = new ViewProgress();
        var near = new NearDeltaView(reader.Delta, reader.Store, progress, new ViewsState(), Options.Create(new RedisViewsOptions()));
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        await Eventually.HoldsAsync(() => reader.Store.Announced.Heard >= Log.LastSequence, Patience, "the reader's mark came back", Ct);
        var window = TimeSpan.FromMinutes(5);
        var asked = voted + TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await near.GetAsync(_poll.Id, window, asked, Ct))!.Total);

        // Changed behind every node's back: the same window, a moment later in the same first bucket, comes from memory
        // (ending at the asker's clock); another window is another question, read from Redis.
        var key = (await reader.Store.Generations.ActiveAsync(reader.Delta.Name))!.DeltaBucket(_poll.Id, Tally.Views.Delta.DeltaBuckets.BucketOf(voted));
        await Redis.Database.HashIncrementAsync(key, "1", 100);
        var later = asked + TimeSpan.FromMilliseconds(10);
        var held = (await near.GetAsync(_poll.Id, window, later, Ct))!;
        Assert.Equal(1, held.Total);
        Assert.Equal(later, held.To);
        Assert.Equal(101, (await near.GetAsync(_poll.Id, TimeSpan.FromHours(1), later, Ct))!.Total);

        // A vote the reader's checkpoint reaches is in its answer at once.
        await writer.Views.ApplyAsync([Log.Vote(_poll, "b", 2, "EU", at: voted)]);
        progress.Advance(Log.LastSequence, DateTimeOffset.UtcNow);
        Assert.Equal(102, (await near.GetAsync(_poll.Id, window, later, Ct))!.Total);
    }
}
