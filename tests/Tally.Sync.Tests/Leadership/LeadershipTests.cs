using HashEntry = StackExchange.Redis.HashEntry;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;
using Tally.Sync.Leadership;
using Tally.Views;
using Tally.Views.Progress;
using Tally.Views.Redis;
using Tally.Views.Results;

namespace Tally.Sync.Tests.Leadership;

/// <summary>
/// Two nodes on one real PostgreSQL ledger and one real Redis: one leads the projectors at a time, a dead leader is
/// replaced, a superseded leader cannot write, and every vote is counted exactly once across a takeover.
/// </summary>
public sealed class LeadershipTests
{
    private static readonly string[] Regions = ["north", "south"];
    private static readonly ClientInfo Client = new("198.51.100.7", "tally-leadership-tests/1.0");

    // Lock tries and liveness checks run every 0.2 s in these nodes; a takeover needs a few of them.
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExactlyOneOfTwoNodesLeads()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);

        await Eventually.HoldsAsync(() => IsLeader(a) || IsLeader(b), Takeover, "a leader is elected", Ct);

        Assert.NotEqual(IsLeader(a), IsLeader(b));
        var leader = IsLeader(a) ? a : b;
        var stored = (long)await servers.Redis.GetDatabase().StringGetAsync(leader.Get<RedisViewStore>().Keys.LeaderEpoch);
        Assert.Equal(stored, leader.Get<ProjectorLeadership>().Epoch);
        Assert.Equal("follower", (IsLeader(a) ? b : a).Get<ProjectorLeadership>().Role);
    }

    [Fact]
    public async Task WhenTheLeadersSessionDiesTheOtherNodeTakesOverWithANewerEpoch()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a), Takeover, "the only node leads", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);
        var first = a.Get<ProjectorLeadership>().Epoch;

        await servers.KillLeaderSessionAsync(Ct);

        // a learns of its lost lock only at its next check; until then the epoch fence keeps its writes out.
        await Eventually.HoldsAsync(() => IsLeader(b) && !IsLeader(a), Takeover, "b takes over after a's session died and a steps down", Ct);
        Assert.True(b.Get<ProjectorLeadership>().Epoch > first);
    }

    [Fact]
    public async Task AStoppedLeaderHandsOverToTheOtherNode()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a), Takeover, "the only node leads", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);

        await a.StopAsync();

        await Eventually.HoldsAsync(() => IsLeader(b), Takeover, "b takes over after a stopped", Ct);
    }

    [Fact]
    public async Task ASupersededLeaderIsFencedAndChangesNothing()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a), Takeover, "the only node leads", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);
        var (poll, staleEpoch) = await SupersedeAsync(servers, a, b);
        var after = await CastAllAsync(b, Ballots(poll.Id, "late", 10));
        var last = after.Max(r => r.Sequence);
        Assert.True(await b.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct));

        // a wakes up from a long pause still holding its old epoch and tries to apply the events b applied.
        a.Get<LeaderEpoch>().Current = staleEpoch;
        var results = (await a.Get<RedisViewStore>().Generations.ActiveAsync("results"))!;
        var redis = servers.Redis.GetDatabase();
        var resultsBefore = await redis.HashGetAllAsync(results.Results(poll.Id));
        var checkpointBefore = await redis.StringGetAsync(results.Checkpoint);
        var events = await a.Get<IEventLog>().ReadAfterAsync(0, 1000, Ct);

        var stale = a.Get<RedisResultsProjection>();
        await Assert.ThrowsAsync<ProjectionFencedException>(async () => await stale.ApplyAsync(events, Ct));

        Assert.Equal(Sorted(resultsBefore), Sorted(await redis.HashGetAllAsync(results.Results(poll.Id))));
        Assert.Equal(checkpointBefore, await redis.StringGetAsync(results.Checkpoint));
        await AssertCountedExactlyOnceAsync(servers, b, poll.Id);
    }

    [Fact]
    public async Task AfterTheViewsAreFlushedAPausedFormerLeaderStaysFencedOnceTheNewLeaderApplied()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a), Takeover, "the only node leads", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);
        var (poll, staleEpoch) = await SupersedeAsync(servers, a, b);
        var leaderEpoch = b.Get<ProjectorLeadership>().Epoch;

        // Every key of these views goes, the stored epoch with them (a FLUSHALL of this deployment's share of Redis).
        await SharedRedis.DeleteKeysAsync(servers.Redis, servers.KeyPrefix);
        await CastAllAsync(b, Ballots(poll.Id, "late", 10));

        // The epoch comes from the ledger, so b's first apply puts back its own, above every former leader's.
        var keys = a.Get<RedisViewStore>().Keys;
        var redis = servers.Redis.GetDatabase();
        await Eventually.HoldsAsync(async () => (long?)await redis.StringGetAsync(keys.LeaderEpoch) == leaderEpoch, CatchUp,
            "b's apply restores its epoch", Ct);

        // (Rebuilding the flushed views is not this test's business: b may still be at it, so only the fence is checked.)
        a.Get<LeaderEpoch>().Current = staleEpoch;
        var events = await a.Get<IEventLog>().ReadAfterAsync(0, 1000, Ct);

        await Assert.ThrowsAsync<ProjectionFencedException>(async () => await a.Get<RedisResultsProjection>().ApplyAsync(events, Ct));

        Assert.Equal(leaderEpoch, (long?)await redis.StringGetAsync(keys.LeaderEpoch));
    }

    [Fact]
    public async Task ALeaderWhoseEpochIsBumpedDropsOutAndTheVotesStillCountOnce()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a), Takeover, "the only node leads", Ct);
        var leadership = a.Get<ProjectorLeadership>();
        var first = leadership.Epoch;
        var poll = await CreatePollAsync(a);

        // Another writer claims a newer epoch (as a new leader would): a's next apply is refused, so a must re-elect.
        await servers.Redis.GetDatabase().StringIncrementAsync(a.Get<RedisViewStore>().Keys.LeaderEpoch);
        var receipts = await CastAllAsync(a, Ballots(poll.Id, "voter", 30));

        await Eventually.HoldsAsync(() => leadership.Epoch > first + 1, Takeover, "a re-elects itself with an epoch above the bumped one", Ct);
        Assert.True(await a.Get<ViewProgress>().WaitForAsync(receipts.Max(r => r.Sequence), CatchUp, Ct));
        await AssertCountedExactlyOnceAsync(servers, a, poll.Id);
    }

    [Fact]
    public async Task VotesOnEitherNodeAreCountedExactlyOnceAcrossATakeoverAndFollowersReadTheirVotes()
    {
        await using var servers = SharedServers.Create();
        await using var a = await TallyNode.StartAsync(servers, "a", Ct);
        await using var b = await TallyNode.StartAsync(servers, "b", Ct);
        await Eventually.HoldsAsync(() => IsLeader(a) || IsLeader(b), Takeover, "a leader is elected", Ct);
        var (leader, follower) = IsLeader(a) ? (a, b) : (b, a);
        var poll = await CreatePollAsync(leader);

        // Read your vote on the follower: it learns what the leader applied from Redis.
        var onFollower = await CastAllAsync(follower, Ballots(poll.Id, "f", 50));
        Assert.True(await follower.Get<ViewProgress>().WaitForAsync(onFollower.Max(r => r.Sequence), CatchUp, Ct),
            "the follower did not see its votes applied by the leader");
        Assert.Equal(50, (await follower.Get<IResultsView>().GetAsync(poll.Id, Ct))!.TotalVotes);

        // Votes keep coming on both nodes while the leader's session dies and the follower takes over.
        var during = CastAllAsync(leader, Ballots(poll.Id, "l", 100));
        var alongside = CastAllAsync(follower, Ballots(poll.Id, "g", 100));
        await servers.KillLeaderSessionAsync(Ct);
        var receipts = (await during).Concat(await alongside).ToArray();
        await Eventually.HoldsAsync(() => IsLeader(follower), Takeover, "the follower takes over", Ct);
        var more = await CastAllAsync(leader, Ballots(poll.Id, "m", 30));

        var last = receipts.Concat(more).Max(r => r.Sequence);
        Assert.True(await follower.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct), "the new leader did not apply everything");
        Assert.True(await leader.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct), "the former leader, now following, did not see it");
        await AssertCountedExactlyOnceAsync(servers, leader, poll.Id);
        Assert.Equal(280, (await leader.Get<IResultsView>().GetAsync(poll.Id, Ct))!.TotalVotes);
        Assert.Equal(last, leader.Get<SyncLag>().LedgerSequence);
    }

    /// <summary>a, leading, counts some votes; then its session dies and b takes over. Returns the poll and a's old epoch.</summary>
    private static async Task<(Poll Poll, long? StaleEpoch)> SupersedeAsync(SharedServers servers, TallyNode a, TallyNode b)
    {
        var staleEpoch = a.Get<ProjectorLeadership>().Epoch;
        var poll = await CreatePollAsync(a);
        var before = await CastAllAsync(a, Ballots(poll.Id, "early", 20));
        Assert.True(await a.Get<ViewProgress>().WaitForAsync(before.Max(r => r.Sequence), CatchUp, Ct));
        await servers.KillLeaderSessionAsync(Ct);
        await Eventually.HoldsAsync(() => IsLeader(b) && !IsLeader(a), Takeover, "b takes over", Ct);
        return (poll, staleEpoch);
    }

    private static bool IsLeader(TallyNode node) => node.Get<ProjectorLeadership>().IsLeader;

    private static Ballot[] Ballots(Guid pollId, string voterPrefix, int count) =>
        Enumerable.Range(0, count).Select(i => new Ballot(pollId, $"{voterPrefix}-{i}", i % 3 + 1, Regions[i % Regions.Length])).ToArray();

    private static async Task<Poll> CreatePollAsync(TallyNode node)
    {
        var draft = new PollDraft("Who leads?", null, ["Left", "Right", "Straight on"], Regions, null, null,
            new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));
        var created = await node.Get<CreatePollHandler>().HandleAsync(new CreatePoll("owner-1", draft), Ct);
        Assert.True(created.Succeeded, created.Rejection?.Message);
        return created.Value!.Poll;
    }

    private static async Task<VoteReceipt[]> CastAllAsync(TallyNode node, Ballot[] ballots)
    {
        var handler = node.Get<CastVoteHandler>();
        var outcomes = new Outcome<VoteReceipt>[ballots.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ballots.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 10, CancellationToken = Ct },
            async (i, ct) => outcomes[i] = await handler.HandleAsync(new CastVote(ballots[i], null, Client), ct));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Rejection?.Code));
        return outcomes.Select(o => o.Value!).ToArray();
    }

    /// <summary>The Redis results against a count of the live vote rows in PostgreSQL.</summary>
    private static async Task AssertCountedExactlyOnceAsync(SharedServers servers, TallyNode node, Guid pollId)
    {
        var expected = await servers.Ledger.LiveVotesByOptionAsync(pollId, Ct);
        var results = await node.Get<IResultsView>().GetAsync(pollId, Ct);
        Assert.NotNull(results);
        Assert.Equal(Enumerable.Range(1, 3).Select(option => expected.GetValueOrDefault(option)), results.Votes);
        Assert.Equal(expected.Values.Sum(), results.TotalVotes);
    }

    private static string[] Sorted(HashEntry[] entries) => entries.Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal).ToArray();
}
