using System.Diagnostics.Metrics;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Polls;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;
using Tally.Sync.Leadership;
using Tally.Views.Progress;
using Tally.Views.Results;

namespace Tally.Sync.Tests;

/// <summary>
/// Events a node commits reach its daemon in memory; whatever is not there right after the checkpoint (held up too long,
/// another node's commits) comes from the log, and the views count every vote exactly once either way.
/// </summary>
public sealed class HandoffTests
{
    private static readonly ClientInfo Client = new("198.51.100.1", "tally-sync-tests/1.0");

    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDaemonAppliesWhatTheNodeCommitsFromMemory()
    {
        using var folder = new TempFolder();
        await using var node = await TallyNode.StartEmbeddedAsync(folder.Path, Ct);
        using var applied = new AppliedEvents(node.Get<IMeterFactory>());
        var poll = await CreatePollAsync(node);

        var last = await CastAsync(node, poll, Enumerable.Range(0, 400).Select(i => $"voter-{i}"), concurrency: 20);

        Assert.True(await node.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct), $"the views did not reach sequence {last}");
        await AssertResultsMatchLedgerAsync(node, poll.Id, 400);
        await Eventually.HoldsAsync(() => applied.HandedOver + applied.FromLog == last, CatchUp, "the applied counter has every event", Ct);
        Assert.True(applied.HandedOver > 0, $"no event was handed over ({applied.FromLog} read from the log)");
    }

    [Fact]
    public async Task EventsTheRingCouldNotHoldWhileTheDaemonWasBusyAreReadFromTheLog()
    {
        using var folder = new TempFolder();
        await using var node = await TallyNode.StartEmbeddedAsync(folder.Path, [new("Tally:Sync:HandoffCapacity", "4")], Ct);
        using var applied = new AppliedEvents(node.Get<IMeterFactory>());
        var poll = await CreatePollAsync(node);
        Assert.True(await node.Get<ViewProgress>().WaitForAsync(1, CatchUp, Ct));

        // Work between batches holds the daemon still while twenty votes commit one by one: the ring keeps only four.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = node.Get<BetweenBatches>().RunAsync(async (_, ct) =>
        {
            held.SetResult();
            await hold.Task.WaitAsync(ct);
            return true;
        }, Ct);
        await held.Task.WaitAsync(CatchUp, Ct);
        var last = await CastAsync(node, poll, Enumerable.Range(0, 20).Select(i => $"voter-{i}"), concurrency: 1);
        hold.SetResult();
        await holding;

        Assert.True(await node.Get<ViewProgress>().WaitForAsync(last, CatchUp, Ct), $"the views did not reach sequence {last}");
        await AssertResultsMatchLedgerAsync(node, poll.Id, 20);
        await Eventually.HoldsAsync(() => applied.HandedOver + applied.FromLog == last, CatchUp, "the applied counter has every event", Ct);
        Assert.True(applied.FromLog >= 16, $"only {applied.FromLog} events were read from the log");

        // Caught up again, the next commits come in memory.
        var handedBefore = applied.HandedOver;
        var next = await CastAsync(node, poll, ["voter-late"], concurrency: 1);
        Assert.True(await node.Get<ViewProgress>().WaitForAsync(next, CatchUp, Ct));
        await Eventually.HoldsAsync(() => applied.HandedOver > handedBefore, CatchUp, "the next vote is handed over", Ct);
        await AssertResultsMatchLedgerAsync(node, poll.Id, 21);
    }

    [Fact]
    public async Task AnotherNodesVotesAreReadFromTheLogAndTheLeadersOwnAreHandedOver()
    {
        await using var servers = SharedServers.Create();
        await using var first = await TallyNode.StartAsync(servers, "first", Ct);
        await using var second = await TallyNode.StartAsync(servers, "second", Ct);
        await Eventually.HoldsAsync(
            () => first.Get<ProjectorLeadership>().IsLeader || second.Get<ProjectorLeadership>().IsLeader, CatchUp, "a node leads", Ct);
        var (leader, follower) = first.Get<ProjectorLeadership>().IsLeader ? (first, second) : (second, first);
        using var applied = new AppliedEvents(leader.Get<IMeterFactory>());
        var poll = await CreatePollAsync(follower);

        var fromFollower = await CastAsync(follower, poll, Enumerable.Range(0, 30).Select(i => $"follower-voter-{i}"), concurrency: 1);
        Assert.True(await leader.Get<ViewProgress>().WaitForAsync(fromFollower, CatchUp, Ct), $"the views did not reach sequence {fromFollower}");
        await Eventually.HoldsAsync(() => applied.FromLog == fromFollower, CatchUp, "the applied counter has every event", Ct);
        Assert.Equal(0, applied.HandedOver);

        var fromLeader = await CastAsync(leader, poll, Enumerable.Range(0, 30).Select(i => $"leader-voter-{i}"), concurrency: 1);
        Assert.True(await leader.Get<ViewProgress>().WaitForAsync(fromLeader, CatchUp, Ct), $"the views did not reach sequence {fromLeader}");
        await AssertResultsMatchLedgerAsync(leader, poll.Id, 60);
        await Eventually.HoldsAsync(() => applied.HandedOver + applied.FromLog == fromLeader, CatchUp, "the applied counter has every event", Ct);
        Assert.True(applied.HandedOver > 0, "none of the leader's own votes was handed over");
    }

    private static async Task<Poll> CreatePollAsync(TallyNode node)
    {
        var draft = new PollDraft("Which way?", null, ["Left", "Right", "Straight on"], [], null, null,
            new PollSettings(ResultsVisibility.Live, AllowVoteChange: true));
        var created = await node.Get<CreatePollHandler>().HandleAsync(new CreatePoll("owner-1", draft), Ct);
        Assert.True(created.Succeeded, created.Rejection?.Message);
        return created.Value!.Poll;
    }

    /// <summary>Casts a vote per voter (options in turn), at most <paramref name="concurrency"/> at once; returns the highest sequence.</summary>
    private static async Task<long> CastAsync(TallyNode node, Poll poll, IEnumerable<string> voters, int concurrency)
    {
        var handler = node.Get<CastVoteHandler>();
        var last = 0L;
        await Parallel.ForEachAsync(
            voters.Select((voter, i) => new Ballot(poll.Id, voter, i % 3 + 1, null)),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = Ct },
            async (ballot, ct) =>
            {
                var outcome = await handler.HandleAsync(new CastVote(ballot, null, Client), ct);
                Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
                InterlockedMax(ref last, outcome.Value!.Sequence);
            });
        return last;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task AssertResultsMatchLedgerAsync(TallyNode node, Guid pollId, long totalVotes)
    {
        var counted = await node.Get<IVoteStore>().CountLiveVotesAsync(pollId, Ct);
        var results = await node.Get<IResultsView>().GetAsync(pollId, Ct);
        Assert.NotNull(results);
        Assert.Equal(Enumerable.Range(1, 3).Select(option => counted.GetValueOrDefault(option)), results.Votes);
        Assert.Equal(totalVotes, results.TotalVotes);
        Assert.Equal(totalVotes, counted.Values.Sum());
    }
}
