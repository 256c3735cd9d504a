using Tally.Views.Tests.Support;
using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Contract;

/// <summary>Admin retractions and reinstatements, as every view follows them.</summary>
public abstract partial class ViewsContract
{
    private static readonly string[] Continents = ["EU", "US"];

    [Fact]
    public async Task AReinstatementRestoresTheResultsTheHeatmapAndTheVotersStatus()
    {
        var poll = EventScript.NewPoll(regions: Continents);
        await Views.ApplyAsync([
            _log.Created(poll), _log.Vote(poll, "a", 1, "EU", T0.AddSeconds(1)), _log.Vote(poll, "b", 2, "US", T0.AddSeconds(2)),
            _log.Vote(poll, "c", 2, at: T0.AddSeconds(3)),
        ]);

        await Views.ApplyAsync([
            _log.RetractByAdmin(poll, "a", "bot farm", T0.AddMinutes(1)), _log.RetractByAdmin(poll, "b", "bot farm", T0.AddMinutes(1)),
        ]);
        Assert.Equal([0L, 1, 0], (await Views.Results.View.GetAsync(poll.Id, Ct))!.Votes);
        Assert.All((await Views.Heatmap.View.GetAsync(poll.Id, Ct))!.Regions, region => Assert.Equal(0, region.Total));

        await Views.ApplyAsync([_log.Reinstate(poll, "a", T0.AddMinutes(2)), _log.Reinstate(poll, "b", T0.AddMinutes(2))]);

        var results = await Views.Results.View.GetAsync(poll.Id, Ct);
        Assert.Equal([1L, 2, 0], results!.Votes);
        Assert.Equal(3, results.TotalVotes);
        var heatmap = (await Views.Heatmap.View.GetAsync(poll.Id, Ct))!.Regions.ToDictionary(r => r.Region, r => r.Votes);
        Assert.Equal([1L, 0, 0], heatmap["EU"]);
        Assert.Equal([0L, 1, 0], heatmap["US"]);
        Assert.Equal(new VoterBallot(_log.CastOf(poll, "a").VoteId, 1, T0.AddSeconds(1)), await Views.Voters.View.GetAsync(poll.Id, "a", Ct));
        Assert.Equal(new VoterBallot(_log.CastOf(poll, "b").VoteId, 2, T0.AddSeconds(2)), await Views.Voters.View.GetAsync(poll.Id, "b", Ct));
    }

    [Fact]
    public async Task AnAdminRetractionShowsInTheVotersStatusWithItsReasonUntilTheyVoteAgain()
    {
        var poll = EventScript.NewPoll();
        await Views.ApplyAsync([_log.Created(poll), _log.Vote(poll, "a", 2, at: T0.AddSeconds(1)), _log.Vote(poll, "b", 3, at: T0.AddSeconds(2))]);
        var first = _log.CastOf(poll, "a");

        await Views.ApplyAsync([_log.RetractByAdmin(poll, "a", "same address | 1,000 votes", T0.AddMinutes(1))]);

        var retracted = await Views.Voters.View.GetAsync(poll.Id, "a", Ct);
        Assert.Equal(new VoterBallot(first.VoteId, 2, T0.AddSeconds(1), T0.AddMinutes(1), "same address | 1,000 votes"), retracted);
        Assert.False(retracted!.IsLive);
        Assert.Equal(new VoterBallot(_log.CastOf(poll, "b").VoteId, 3, T0.AddSeconds(2)), await Views.Voters.View.GetAsync(poll.Id, "b", Ct));

        await Views.ApplyAsync([_log.Vote(poll, "a", 1, at: T0.AddMinutes(2))]);

        var again = await Views.Voters.View.GetAsync(poll.Id, "a", Ct);
        Assert.Equal(new VoterBallot(_log.CastOf(poll, "a").VoteId, 1, T0.AddMinutes(2)), again);
        Assert.True(again!.IsLive);
        Assert.Equal([1L, 0, 1], (await Views.Results.View.GetAsync(poll.Id, Ct))!.Votes);

        // The voter's own retraction leaves nothing to show, as before.
        await Views.ApplyAsync([_log.Retract(poll, "a", T0.AddMinutes(3))]);

        Assert.Null(await Views.Voters.View.GetAsync(poll.Id, "a", Ct));
    }

    [Fact]
    public async Task AnAdminRetractionAndAVoteAgainInOneBatchLeaveTheNewVoteLive()
    {
        var poll = EventScript.NewPoll();
        await Views.ApplyAsync([_log.Created(poll), _log.Vote(poll, "a", 2, at: T0.AddSeconds(1))]);

        await Views.ApplyAsync([_log.RetractByAdmin(poll, "a", "bot", T0.AddMinutes(1)), _log.Vote(poll, "a", 3, at: T0.AddMinutes(2)),
            _log.RetractByAdmin(poll, "a", "bot again", T0.AddMinutes(3)), _log.Reinstate(poll, "a", T0.AddMinutes(4))]);

        Assert.Equal(new VoterBallot(_log.CastOf(poll, "a").VoteId, 3, T0.AddMinutes(2)), await Views.Voters.View.GetAsync(poll.Id, "a", Ct));
        Assert.Equal([0L, 0, 1], (await Views.Results.View.GetAsync(poll.Id, Ct))!.Votes);
    }

    [Fact]
    public async Task AReinstatementCountsInTheDeltaWhenItHappened()
    {
        var poll = EventScript.NewPoll();
        await Views.ApplyAsync([
            _log.Created(poll), _log.Vote(poll, "a", 1, at: T0.AddSeconds(1)), _log.RetractByAdmin(poll, "a", "bot", T0.AddMinutes(2)),
            _log.Reinstate(poll, "a", T0.AddMinutes(10)),
        ]);

        var recent = await Views.Delta.View.GetAsync(poll.Id, TimeSpan.FromMinutes(5), T0.AddMinutes(12), Ct);
        var all = await Views.Delta.View.GetAsync(poll.Id, TimeSpan.FromMinutes(15), T0.AddMinutes(12), Ct);

        Assert.Equal([1L, 0, 0], recent!.Votes);
        Assert.Equal([1L, 0, 0], all!.Votes);
        Assert.Equal(1, all.Total);
    }

    [Fact]
    public async Task ResultsAreAmendedOnlyByAdminChangesAfterThePollClosed()
    {
        var poll = EventScript.NewPoll();
        await Views.ApplyAsync([
            _log.Created(poll), _log.Vote(poll, "a", 1, at: T0.AddSeconds(1)), _log.Vote(poll, "b", 2, at: T0.AddSeconds(2)),
            _log.Vote(poll, "c", 3, at: T0.AddSeconds(3)), _log.RetractByAdmin(poll, "a", "bot", T0.AddMinutes(1)),
            _log.Close(poll, T0.AddMinutes(2)), _log.Retract(poll, "c", T0.AddMinutes(3)),
        ]);
        Assert.Null((await Views.Results.View.GetAsync(poll.Id, Ct))!.AmendedAt);

        await Views.ApplyAsync([_log.RetractByAdmin(poll, "b", "bot", T0.AddMinutes(4))]);
        Assert.Equal(T0.AddMinutes(4), (await Views.Results.View.GetAsync(poll.Id, Ct))!.AmendedAt);

        await Views.ApplyAsync([_log.Reinstate(poll, "a", T0.AddMinutes(5))]);
        var results = await Views.Results.View.GetAsync(poll.Id, Ct);
        Assert.Equal(T0.AddMinutes(5), results!.AmendedAt);
        Assert.Equal([1L, 0, 0], results.Votes);
    }

    [Fact]
    public async Task APollPastItsEndTimeIsAmendedByAnAdminChange()
    {
        var poll = EventScript.NewPoll() with { EndTime = T0.AddMinutes(30) };
        await Views.ApplyAsync([
            _log.Created(poll), _log.Vote(poll, "a", 1, at: T0.AddSeconds(1)), _log.Vote(poll, "b", 1, at: T0.AddSeconds(2)),
            _log.RetractByAdmin(poll, "a", "bot", T0.AddMinutes(29)),
        ]);
        Assert.Null((await Views.Results.View.GetAsync(poll.Id, Ct))!.AmendedAt);

        await Views.ApplyAsync([_log.RetractByAdmin(poll, "b", "bot", T0.AddMinutes(30))]);

        Assert.Equal(T0.AddMinutes(30), (await Views.Results.View.GetAsync(poll.Id, Ct))!.AmendedAt);
    }
}
