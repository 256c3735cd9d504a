using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AMixedBatchGivesEachVoteItsOwnOutcomeAndCommitsTheGoodOnes()
    {
        var open = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var closed = await CreatePollAsync();
        await CloseAsync(closed);
        await VoteOkAsync(open, "already", 1, "EU");
        var head = await HighWaterMarkAsync();
        var batch = new[]
        {
            Cast(open.Id, "alice", 1, "EU"),
            Cast(open.Id, "alice", 2, "US"),
            Cast(closed.Id, "bob", 1),
            Cast(open.Id, "already", 3, "US"),
            Cast(open.Id, "carol", 3, "US", key: "k-carol"),
            Cast(Guid.CreateVersion7(), "dave", 1),
            Cast(open.Id, "erin", 2, "US"),
        }.Select(command => new PendingVote(command, Guid.CreateVersion7())).ToArray();

        Ledger.Batcher.Commit(batch);

        var outcomes = await Task.WhenAll(batch.Select(v => v.Outcome));
        Assert.Equal(
            [null, ErrorCodes.AlreadyVoted, ErrorCodes.PollNotActive, ErrorCodes.AlreadyVoted, null, ErrorCodes.PollNotFound, null],
            outcomes.Select(o => o.Rejection?.Code));
        var good = new[] { 0, 4, 6 };
        Assert.All(good, i => Assert.Equal(batch[i].VoteId, outcomes[i].Value!.VoteId));
        Assert.Equal([head + 1, head + 2, head + 3], good.Select(i => outcomes[i].Value!.Sequence));
        var events = await Ledger.Events.ReadAfterAsync(head, 100, Ct);
        Assert.Equal(good.Select(i => batch[i].VoteId), events.Select(e => Assert.IsType<VoteCast>(e.Event).VoteId));
        Assert.Equal(new Dictionary<int, long> { [1] = 2, [2] = 1, [3] = 1 }, await Ledger.Votes.CountLiveVotesAsync(open.Id, Ct));
        Assert.Empty(await Ledger.Votes.CountLiveVotesAsync(closed.Id, Ct));
        Assert.Equal(1, Assert.Single(await Fixture.ReadVoteRowsAsync(open.Id, "alice", Ct)).OptionId);
    }
}
