using Tally.Domain.Events;
using Tally.Views.Memory;
using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.VoterStatus;

public sealed class VoterStatusProjectionTests
{
    private readonly EventScript _log = new();
    private readonly MemoryVoterStatusProjection _status = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AVoteSetsTheVotersStatus()
    {
        var poll = EventScript.NewPoll();
        var created = _log.Created(poll);
        var cast = _log.Vote(poll, "alice", 2, at: EventScript.Start.AddSeconds(3));
        await _status.BatchAsync([created, cast]);

        var ballot = await _status.GetAsync(poll.Id, "alice", Ct);

        var vote = Assert.IsType<VoteCast>(cast.Event);
        Assert.Equal(new VoterBallot(vote.VoteId, 2, EventScript.Start.AddSeconds(3)), ballot);
        Assert.Null(await _status.GetAsync(poll.Id, "bob", Ct));
    }

    [Fact]
    public async Task ARetractionClearsTheVotersStatus()
    {
        var poll = EventScript.NewPoll();
        await _status.BatchAsync([_log.Created(poll), _log.Vote(poll, "alice", 2)]);

        await _status.BatchAsync([_log.Retract(poll, "alice")]);

        Assert.Null(await _status.GetAsync(poll.Id, "alice", Ct));
    }

    [Fact]
    public async Task AVoteAfterARetractionSetsTheNewChoice()
    {
        var poll = EventScript.NewPoll();
        await _status.BatchAsync([_log.Created(poll), _log.Vote(poll, "alice", 2), _log.Retract(poll, "alice"), _log.Vote(poll, "alice", 3)]);

        Assert.Equal(3, (await _status.GetAsync(poll.Id, "alice", Ct))!.OptionId);
    }

    [Fact]
    public async Task StatusIsKeptPerPoll()
    {
        var lunch = EventScript.NewPoll();
        var dinner = EventScript.NewPoll("Dinner?");
        await _status.BatchAsync([_log.Created(lunch), _log.Created(dinner), _log.Vote(lunch, "alice", 1), _log.Vote(dinner, "alice", 2)]);

        await _status.BatchAsync([_log.Retract(lunch, "alice")]);

        Assert.Null(await _status.GetAsync(lunch.Id, "alice", Ct));
        Assert.Equal(2, (await _status.GetAsync(dinner.Id, "alice", Ct))!.OptionId);
    }
}
