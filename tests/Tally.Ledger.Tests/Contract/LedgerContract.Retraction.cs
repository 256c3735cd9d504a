using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task RetractingKeepsTheVoteRowFlaggedAuditsItAndAppendsAnEvent()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var vote = await VoteOkAsync(poll, "voter-1", 3, "EU");

        var outcome = await RetractAsync(poll, "voter-1");

        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        var retraction = outcome.Value!;
        Assert.Equal((vote.VoteId, poll.Id, 3, "EU"), (retraction.VoteId, retraction.PollId, retraction.OptionId, retraction.Region));
        var row = Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
        Assert.Equal(vote.VoteId, row.VoteId);
        Assert.True(row.IsRetracted);
        Assert.Equal(retraction.RetractedAt, row.RetractedAt);
        var audit = Assert.Single(await Fixture.ReadAuditRowsAsync(poll.Id, Ct), a => a.Action == "vote_retracted");
        Assert.Equal(new AuditRow("voter-1", "vote_retracted", vote.VoteId, Client.IpAddress, Client.UserAgent), audit);
        var stored = Assert.Single(await Ledger.Events.ReadAfterAsync(vote.Sequence, 100, Ct));
        Assert.Equal(retraction.Sequence, stored.Sequence);
        Assert.Equal(new VoteRetracted(vote.VoteId, poll.Id, "voter-1", 3, "EU", retraction.RetractedAt), stored.Event);
        Assert.Empty(await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task AVoterMayVoteAgainAfterRetracting()
    {
        var poll = await CreatePollAsync();
        var first = await VoteOkAsync(poll, "voter-1", 1);
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);

        var second = await VoteOkAsync(poll, "voter-1", 2);

        Assert.NotEqual(first.VoteId, second.VoteId);
        var rows = await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct);
        Assert.Equal([(first.VoteId, true), (second.VoteId, false)], rows.Select(r => (r.VoteId, r.IsRetracted)));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
        AssertRejected(ErrorCodes.AlreadyVoted, await VoteAsync(poll, "voter-1", 3));
    }

    [Fact]
    public async Task RetractingIsRefusedWhenThePollDoesNotAllowChanges()
    {
        var poll = await CreatePollAsync(Draft(allowVoteChange: false));
        await VoteOkAsync(poll, "voter-1", 1);
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.VoteChangeNotAllowed, await RetractAsync(poll, "voter-1"));

        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).IsRetracted);
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task RetractingWithoutALiveVoteIsNotFound()
    {
        var poll = await CreatePollAsync();

        AssertRejected(ErrorCodes.VoteNotFound, await RetractAsync(poll, "voter-1"));

        await VoteOkAsync(poll, "voter-1", 1);
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        var head = await HighWaterMarkAsync();
        AssertRejected(ErrorCodes.VoteNotFound, await RetractAsync(poll, "voter-1"));
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task RetractingAfterThePollClosedIsNotActive()
    {
        var poll = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 1);
        await CloseAsync(poll);
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.PollNotActive, await RetractAsync(poll, "voter-1"));
        AssertRejected(ErrorCodes.PollNotActive,
            await Ledger.Votes.RetractAsync(new RetractVote(poll.Id, "voter-1", Client), Ct));

        Assert.False(Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).IsRetracted);
        Assert.Equal(head, await HighWaterMarkAsync());
    }
}
