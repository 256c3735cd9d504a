using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;
using Tally.Views.Heatmap;
using Tally.Views.Redis;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Sync.Tests;

/// <summary>The real daemon tailing a real ledger into the memory views: the views must end up agreeing with the vote rows.</summary>
public sealed class ProjectionDaemonTests
{
    private static readonly string[] Regions = ["north", "south", "east", "west"];
    private static readonly ClientInfo Client = new("198.51.100.1", "tally-sync-tests/1.0");

    // Generous: only reached if the daemon is stuck, and a stuck daemon is exactly what should fail.
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenThousandConcurrentVotesAreProjectedExactlyAsTheLedgerCountsThem()
    {
        using var folder = new TempFolder();
        await using var ledger = await TallyNode.StartEmbeddedAsync(folder.Path, Ct);
        var poll = await CreatePollAsync(ledger);
        var random = new Random(20300301);
        // Uneven on purpose, so a view that mixed up options could not match by accident.
        var ballots = Enumerable.Range(0, 10_000)
            .Select(i => new Ballot(poll.Id, $"voter-{i}", random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 }, Regions[random.Next(Regions.Length)]))
            .ToArray();

        var outcomes = await CastAllAsync(ledger, ballots, concurrency: 50);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Rejection?.Code));
        var last = outcomes.Max(o => o.Value!.Sequence);
        Assert.True(await ledger.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct), $"the views did not reach sequence {last}");

        var expected = ballots.GroupBy(b => b.OptionId).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected, await ledger.Get<IVoteStore>().CountLiveVotesAsync(poll.Id, Ct));
        await AssertViewsMatchLedgerAsync(ledger, poll.Id, totalVotes: 10_000);
    }

    [Fact]
    public async Task ViewsRebuiltFromTheLogAfterARestartMatchTheLedger()
    {
        using var folder = new TempFolder();
        Guid pollId;
        long head;
        await using (var first = await TallyNode.StartEmbeddedAsync(folder.Path, Ct))
        {
            var poll = await CreatePollAsync(first);
            pollId = poll.Id;
            var ballots = Enumerable.Range(0, 600).Select(i => new Ballot(poll.Id, $"voter-{i}", i % 3 + 1, Regions[i % Regions.Length])).ToArray();
            Assert.All(await CastAllAsync(first, ballots, concurrency: 50), o => Assert.True(o.Succeeded, o.Rejection?.Code));
            var retract = first.Get<RetractVoteHandler>();
            for (var i = 0; i < 600; i += 4)
            {
                Assert.True((await retract.HandleAsync(new RetractVote(poll.Id, $"voter-{i}", Client), Ct)).Succeeded);
            }
            var revotes = Enumerable.Range(0, 600).Where(i => i % 8 == 0)
                .Select(i => new Ballot(poll.Id, $"voter-{i}", 3, Regions[(i / 8) % Regions.Length])).ToArray();
            Assert.All(await CastAllAsync(first, revotes, concurrency: 20), o => Assert.True(o.Succeeded, o.Rejection?.Code));
            Assert.True((await first.Get<ClosePollHandler>().HandleAsync(new ClosePoll(poll.Id, poll.OwnerId), Ct)).Succeeded);
            head = await first.Get<IEventLog>().ReadHighWaterMarkAsync(Ct);
            Assert.True(await first.Get<ViewProgress>().WaitForAsync(head, CatchUp, Ct));
            await AssertViewsMatchLedgerAsync(first, pollId, totalVotes: 600 - 150 + 75);
        }

        await using var second = await TallyNode.StartEmbeddedAsync(folder.Path, Ct);

        Assert.True(await second.Get<ViewProgress>().WaitForAsync(head, CatchUp, Ct), $"the rebuilt views did not reach sequence {head}");
        await AssertViewsMatchLedgerAsync(second, pollId, totalVotes: 525);
        Assert.NotNull((await second.Get<IResultsView>().GetAsync(pollId, Ct))!.ClosedAt);
    }

    [Fact]
    public async Task ViewsWhoseCheckpointIsAboveTheLedgersHeadAreDroppedAndRebuiltFromTheLog()
    {
        await using var servers = SharedServers.Create();
        Guid pollId;
        long head;
        await using (var first = await TallyNode.StartAsync(servers, "first", Ct))
        {
            var poll = await CreatePollAsync(first);
            pollId = poll.Id;
            var ballots = Enumerable.Range(0, 60).Select(i => new Ballot(poll.Id, $"voter-{i}", i % 3 + 1, Regions[i % Regions.Length])).ToArray();
            Assert.All(await CastAllAsync(first, ballots, concurrency: 10), o => Assert.True(o.Succeeded, o.Rejection?.Code));
            head = await first.Get<IEventLog>().ReadHighWaterMarkAsync(Ct);
            Assert.True(await first.Get<ViewProgress>().WaitForAsync(head, CatchUp, Ct));
        }
        // As after the ledger was put back to an older copy: two views count events the ledger no longer has.
        var keys = new RedisKeys(servers.KeyPrefix);
        var redis = servers.Redis.GetDatabase();
        async Task<GenerationKeys> ActiveAsync(string projection) => keys.Generation((string)(await redis.HashGetAsync(keys.Generations, projection))!);
        async Task<long> CheckpointAsync(string projection) => (long)await redis.StringGetAsync((await ActiveAsync(projection)).Checkpoint);
        var results = await ActiveAsync("results");
        var heatmap = await ActiveAsync("heatmap");
        await redis.StringSetAsync(results.Checkpoint, head + 100);
        await redis.StringSetAsync(heatmap.Checkpoint, head + 100);
        await redis.HashIncrementAsync(results.Results(pollId), "1", 1000);
        await redis.HashIncrementAsync(results.Results(pollId), "total", 1000);
        await redis.HashIncrementAsync(heatmap.Heatmap(pollId), $"1:{Regions[0]}", 1000);

        await using var second = await TallyNode.StartAsync(servers, "second", Ct);

        await Eventually.HoldsAsync(
            async () => await CheckpointAsync("results") == head && await CheckpointAsync("heatmap") == head,
            CatchUp, "the views are rebuilt up to the ledger's head", Ct);
        await AssertViewsMatchLedgerAsync(second, pollId, totalVotes: 60);
    }

    private static async Task<Poll> CreatePollAsync(TallyNode ledger)
    {
        var draft = new PollDraft("Which way?", null, ["Left", "Right", "Straight on"], Regions, null, null,
            new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));
        var created = await ledger.Get<CreatePollHandler>().HandleAsync(new CreatePoll("owner-1", draft), Ct);
        Assert.True(created.Succeeded, created.Rejection?.Message);
        return created.Value!.Poll;
    }

    /// <summary>Casts every ballot through the real handler, at most <paramref name="concurrency"/> in flight at once.</summary>
    private static async Task<Outcome<VoteReceipt>[]> CastAllAsync(TallyNode ledger, Ballot[] ballots, int concurrency)
    {
        var handler = ledger.Get<CastVoteHandler>();
        var outcomes = new Outcome<VoteReceipt>[ballots.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ballots.Length),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = Ct },
            async (i, ct) => outcomes[i] = await handler.HandleAsync(new CastVote(ballots[i], null, Client), ct));
        return outcomes;
    }

    /// <summary>The results and heatmap views against live counts over the vote rows, read straight from the ledger file.</summary>
    private static async Task AssertViewsMatchLedgerAsync(TallyNode ledger, Guid pollId, long totalVotes)
    {
        var perOption = await ledger.Ledger.LiveVotesByOptionAsync(pollId, Ct);
        var perRegion = await ledger.Ledger.LiveVotesByRegionAndOptionAsync(pollId, Ct);

        Assert.Equal(perOption, await ledger.Get<IVoteStore>().CountLiveVotesAsync(pollId, Ct));
        var results = await ledger.Get<IResultsView>().GetAsync(pollId, Ct);
        Assert.NotNull(results);
        Assert.Equal(Enumerable.Range(1, 3).Select(option => perOption.GetValueOrDefault(option)), results.Votes);
        Assert.Equal(totalVotes, results.TotalVotes);
        Assert.Equal(totalVotes, perOption.Values.Sum());

        var heatmap = await ledger.Get<IHeatmapView>().GetAsync(pollId, Ct);
        Assert.NotNull(heatmap);
        Assert.Equal(Regions, heatmap.Regions.Select(r => r.Region));
        var fromView = heatmap.Regions
            .SelectMany(r => r.Votes.Select((count, index) => (Key: (r.Region, Option: index + 1), Count: count)))
            .Where(cell => cell.Count != 0)
            .ToDictionary(cell => cell.Key, cell => cell.Count);
        Assert.Equal(perRegion, fromView);
        Assert.All(heatmap.Regions, r => Assert.Equal(r.Votes.Sum(), r.Total));
    }
}
