using Tally.Domain.Events;
using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Contract;

/// <summary>Voter status: each voter's live vote per poll.</summary>
public abstract partial class ViewsContract
{
    private Projected<IVoterStatusView> Status => Views.Voters;

    [Fact]
    public async Task AVoteSetsTheVotersStatus()
    {
        var poll = EventScript.NewPoll();
        var created = _log.Created(poll);
        var cast = _log.Vote(poll, "alice", 2, at: EventScript.Start.AddSeconds(3));
        await Status.BatchAsync([created, cast]);

        var ballot = await Status.View.GetAsync(poll.Id, "alice", Ct);

        var vote = Assert.IsType<VoteCast>(cast.Event);
        Assert.Equal(new VoterBallot(vote.VoteId, 2, EventScript.Start.AddSeconds(3)), ballot);
        Assert.Null(await Status.View.GetAsync(poll.Id, "bob", Ct));
    }

    [Fact]
    public async Task ARetractionClearsTheVotersStatus()
    {
        var poll = EventScript.NewPoll();
        await Status.BatchAsync([_log.Created(poll), _log.Vote(poll, "alice", 2)]);

        await Status.BatchAsync([_log.Retract(poll, "alice")]);

        Assert.Null(await Status.View.GetAsync(poll.Id, "alice", Ct));
    }

    [Fact]
    public async Task AVoteAfterARetractionSetsTheNewChoice()
    {
        var poll = EventScript.NewPoll();
        await Status.BatchAsync([_log.Created(poll), _log.Vote(poll, "alice", 2), _log.Retract(poll, "alice"), _log.Vote(poll, "alice", 3)]);

        Assert.Equal(3, (await Status.View.GetAsync(poll.Id, "alice", Ct))!.OptionId);
    }

    [Fact]
    public async Task StatusIsKeptPerPoll()
    {
        var lunch = EventScript.NewPoll();
        var dinner = EventScript.NewPoll("Dinner?");
        await Status.BatchAsync([_log.Created(lunch), _log.Created(dinner), _log.Vote(lunch, "alice", 1), _log.Vote(dinner, "alice", 2)]);

        await Status.BatchAsync([_log.Retract(lunch, "alice")]);

        Assert.Null(await Status.View.GetAsync(lunch.Id, "alice", Ct));
        Assert.Equal(2, (await Status.View.GetAsync(dinner.Id, "alice", Ct))!.OptionId);
    }
}
