using Tally.Domain.Polls;
using Tally.Views.Results;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>Results: counts per option, closes, unknown polls.</summary>
public abstract partial class ViewsContract
{
    private Projected<IResultsView> Results => Views.Results;

    [Fact]
    public async Task ANewPollHasZeroVotesForEveryOption()
    {
        var poll = EventScript.NewPoll(options: 4);
        await Results.BatchAsync([_log.Created(poll)]);

        var tally = await Results.View.GetAsync(poll.Id, Ct);

        Assert.NotNull(tally);
        Assert.Equal([0L, 0, 0, 0], tally.Votes);
        Assert.Equal(0, tally.TotalVotes);
        Assert.Equal(poll.Options, tally.Options);
        Assert.Equal(poll.OwnerId, tally.OwnerId);
    }

    [Fact]
    public async Task VotesAreCountedPerOption()
    {
        var poll = EventScript.NewPoll();
        await Results.BatchAsync([
            _log.Created(poll),
            _log.Vote(poll, "a", 1),
            _log.Vote(poll, "b", 3),
            _log.Vote(poll, "c", 3),
            _log.Vote(poll, "d", 3),
        ]);

        var tally = await Results.View.GetAsync(poll.Id, Ct);

        Assert.Equal([1L, 0, 3], tally!.Votes);
        Assert.Equal(4, tally.TotalVotes);
    }

    [Fact]
    public async Task TheTallyReadWithItsCheckpointHoldsEveryEventUpToThatCheckpoint()
    {
        var poll = EventScript.NewPoll();
        var created = _log.Created(poll);
        var first = _log.Vote(poll, "a", 2);
        var second = _log.Vote(poll, "b", 1);
        await Results.BatchAsync([created, first, second]);

        var (checkpoint, tally) = await Results.View.GetWithCheckpointAsync(poll.Id, Ct);

        Assert.Equal(second.Sequence, checkpoint);
        Assert.Equal([1L, 1, 0], tally!.Votes);
        Assert.Equal(2, tally.TotalVotes);
        Assert.Null((await Results.View.GetWithCheckpointAsync(Guid.NewGuid(), Ct)).Results);
    }

    [Fact]
    public async Task ARetractionTakesTheVoteBackFromItsOption()
    {
        var poll = EventScript.NewPoll();
        await Results.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 2), _log.Vote(poll, "b", 2)]);

        await Results.BatchAsync([_log.Retract(poll, "a"), _log.Vote(poll, "a", 1)]);

        var tally = await Results.View.GetAsync(poll.Id, Ct);
        Assert.Equal([1L, 1, 0], tally!.Votes);
        Assert.Equal(2, tally.TotalVotes);
    }

    [Fact]
    public async Task PollsAreCountedSeparately()
    {
        var lunch = EventScript.NewPoll();
        var dinner = EventScript.NewPoll("Dinner?", options: 2);
        await Results.BatchAsync([
            _log.Created(lunch), _log.Created(dinner), _log.Vote(lunch, "a", 1), _log.Vote(dinner, "a", 2), _log.Vote(dinner, "b", 2),
        ]);

        Assert.Equal([1L, 0, 0], (await Results.View.GetAsync(lunch.Id, Ct))!.Votes);
        Assert.Equal([0L, 2], (await Results.View.GetAsync(dinner.Id, Ct))!.Votes);
    }

    [Fact]
    public async Task ClosingAPollIsReflectedInItsResults()
    {
        var poll = EventScript.NewPoll();
        var closedAt = EventScript.Start.AddHours(1);
        await Results.BatchAsync([_log.Created(poll), _log.Close(poll, closedAt)]);

        var tally = await Results.View.GetAsync(poll.Id, Ct);

        Assert.Equal(closedAt, tally!.ClosedAt);
        Assert.Equal(PollStatus.Closed, tally.StatusAt(closedAt));
    }

    [Fact]
    public async Task AnUnknownPollHasNoResults()
    {
        var poll = EventScript.NewPoll();
        await Results.BatchAsync([_log.Vote(poll, "a", 1)]);

        Assert.Null(await Results.View.GetAsync(poll.Id, Ct));
        Assert.Equal(1, await Results.CheckpointAsync());
    }

    [Fact]
    public async Task APublishedTallyNeverChangesAfterwards()
    {
        var poll = EventScript.NewPoll();
        await Results.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 1)]);
        var before = await Results.View.GetAsync(poll.Id, Ct);

        await Results.BatchAsync([_log.Vote(poll, "b", 1), _log.Vote(poll, "c", 2)]);

        Assert.Equal([1L, 0, 0], before!.Votes);
        Assert.Equal(1, before.TotalVotes);
        Assert.Equal([2L, 1, 0], (await Results.View.GetAsync(poll.Id, Ct))!.Votes);
    }
}
