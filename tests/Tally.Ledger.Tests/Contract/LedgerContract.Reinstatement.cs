using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AReinstatementMakesAnAdminRetractedVoteLiveAgainAuditsItAndAppendsAnEvent()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var vote = await VoteFromAsync(poll, "voter-1", "10.0.0.1", option: 2, region: "EU");
        await RetractOkAsync(poll, new VoteSelection([vote.VoteId], null, null, null, null));

        var answer = await ReinstateOkAsync(poll, [vote.VoteId], key: "back-1");

        var reinstated = Assert.Single(answer.Reinstated);
        Assert.Empty(answer.Refused);
        Assert.Equal((vote.VoteId, "voter-1", 2, "EU", vote.RecordedAt), (reinstated.VoteId, reinstated.VoterId, reinstated.OptionId, reinstated.Region, reinstated.CastAt));
        var stored = Assert.Single(await Ledger.Events.ReadAfterAsync(reinstated.Sequence!.Value - 1, 10, Ct));
        Assert.Equal(new VoteReinstated(vote.VoteId, poll.Id, "voter-1", 2, "EU", vote.RecordedAt, Admin, answer.At), stored.Event);
        var row = Assert.Single(await Fixture.Probe.VotesAsync(poll.Id, Ct));
        Assert.Equal((false, (DateTimeOffset?)null, (string?)null, (string?)null), (row.IsRetracted, row.RetractedAt, row.RetractedBy, row.RetractionReason));
        Assert.Equal(new AuditRow(Admin, "vote_reinstated", vote.VoteId, AdminClient.IpAddress, AdminClient.UserAgent),
            Assert.Single(await Fixture.ReadAuditRowsAsync(poll.Id, Ct), a => a.Action == "vote_reinstated"));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));

        var head = await HighWaterMarkAsync();
        var repeat = await ReinstateOkAsync(poll, [vote.VoteId], key: "back-1");
        Assert.True(repeat.Replayed);
        Assert.Equal(answer.Reinstated, repeat.Reinstated);
        Assert.Equal(head, await HighWaterMarkAsync());
        AssertRejected(ErrorCodes.IdempotencyKeyReused, await ReinstateAsync(poll, [vote.VoteId, Guid.CreateVersion7()], key: "back-1"));
    }

    [Fact]
    public async Task AReinstatementLeavesAVoteWhoseVoterVotedAgainAndOneTheVoterWithdrewOrThatIsLive()
    {
        var poll = await CreatePollAsync();
        var again = await VoteFromAsync(poll, "voter-again", "10.0.0.1");
        var own = await VoteFromAsync(poll, "voter-own", "10.0.0.2");
        var live = await VoteFromAsync(poll, "voter-live", "10.0.0.3");
        await RetractOkAsync(poll, new VoteSelection([again.VoteId], null, null, null, null));
        await VoteOkAsync(poll, "voter-again", 3);
        Assert.True((await RetractAsync(poll, "voter-own")).Succeeded);
        var head = await HighWaterMarkAsync();

        var answer = await ReinstateOkAsync(poll, [again.VoteId, own.VoteId, live.VoteId]);

        Assert.Empty(answer.Reinstated);
        Assert.Equal(
            [(again.VoteId, ErrorCodes.VotedAgain), (own.VoteId, ErrorCodes.NotRetractedByAdmin), (live.VoteId, ErrorCodes.NotRetractedByAdmin)],
            answer.Refused.Select(r => (r.VoteId, r.Code)));
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Equal(new Dictionary<int, long> { [1] = 1, [3] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task ReinstatingTwoRetractedVotesOfOneVoterMakesOnlyTheFirstLive()
    {
        var poll = await CreatePollAsync();
        var first = await VoteFromAsync(poll, "voter-1", "10.0.0.1", option: 1);
        await RetractOkAsync(poll, new VoteSelection([first.VoteId], null, null, null, null));
        var second = await VoteFromAsync(poll, "voter-1", "10.0.0.1", option: 2);
        await RetractOkAsync(poll, new VoteSelection([second.VoteId], null, null, null, null));

        var answer = await ReinstateOkAsync(poll, [second.VoteId, first.VoteId]);

        Assert.Equal([second.VoteId], answer.Reinstated.Select(v => v.VoteId));
        Assert.Equal([(first.VoteId, ErrorCodes.VotedAgain)], answer.Refused.Select(r => (r.VoteId, r.Code)));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task AReinstatementNamingAVoteThePollDoesNotHaveIsRefusedWhole()
    {
        var poll = await CreatePollAsync();
        var vote = await VoteFromAsync(poll, "voter-1", "10.0.0.1");
        await RetractOkAsync(poll, new VoteSelection([vote.VoteId], null, null, null, null));
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.VoteNotFound, await ReinstateAsync(poll, [vote.VoteId, Guid.CreateVersion7()]));
        AssertRejected(ErrorCodes.PollNotFound, await Ledger.ReinstateVotes.HandleAsync(
            new ReinstateVotes(Guid.CreateVersion7(), [vote.VoteId], "mistake", Admin, null, AdminClient), Ct));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.True(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).IsRetracted);
    }

    private Task<Outcome<Reinstatement>> ReinstateAsync(Poll poll, IReadOnlyList<Guid> voteIds, string? key = null) =>
        Ledger.ReinstateVotes.HandleAsync(new ReinstateVotes(poll.Id, voteIds, "mistake", Admin, key, AdminClient), Ct);

    private async Task<Reinstatement> ReinstateOkAsync(Poll poll, IReadOnlyList<Guid> voteIds, string? key = null)
    {
        var outcome = await ReinstateAsync(poll, voteIds, key);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!;
    }
}
