using Tally.Domain.Errors;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AKeyReplayedAfterItsVoteWasRetractedAndCastAgainAnswersWithTheFirstReceipt()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var first = await VoteOkAsync(poll, "voter-1", 2, "EU", key: "k-1");
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        var second = await VoteOkAsync(poll, "voter-1", 3, "US", key: "k-2");
        var head = await HighWaterMarkAsync();

        Assert.Equal(first, await VoteOkAsync(poll, "voter-1", 2, "EU", key: "k-1"));
        Assert.Equal(second, await VoteOkAsync(poll, "voter-1", 3, "US", key: "k-2"));
        AssertRejected(ErrorCodes.IdempotencyKeyReused, await VoteAsync(poll, "voter-1", 3, "US", key: "k-1"));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Equal(new Dictionary<int, long> { [3] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task AKeyReplayedAfterItsVoteWasRetractedAnswersWithTheFirstReceiptAndCastsNothing()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var first = await VoteOkAsync(poll, "voter-1", 1, "EU", key: "k-1");
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        var head = await HighWaterMarkAsync();

        Assert.Equal(first, await VoteOkAsync(poll, "voter-1", 1, "EU", key: "k-1"));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Empty(await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }
}
