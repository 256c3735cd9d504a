using Tally.Domain.Errors;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AVoteIsStoredWithItsChoiceAndWhereItCameFrom()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"]));

        var receipt = await VoteOkAsync(poll, "voter-1", 2, "US");

        Assert.Equal((poll.Id, 2, "US"), (receipt.PollId, receipt.OptionId, receipt.Region));
        Assert.Equal(new VoteRow(receipt.VoteId, 2, "US", false, null, Client.IpAddress, Client.UserAgent),
            Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task AVoteOnAClosedPollIsNotActiveAndNothingIsWritten()
    {
        var poll = await CreatePollAsync();
        await CloseAsync(poll);
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-1", 1));
        // With a key the handler leaves the decision to the store, which must refuse it as well.
        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-2", 1, key: "k-1"));

        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-2", Ct));
        Assert.Empty(await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task AVoteBeforeThePollStartsIsNotActiveAndNothingIsWritten()
    {
        var poll = await CreatePollAsync(Draft(start: DateTimeOffset.UtcNow.AddHours(1)));
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-1", 1));
        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-1", 1, key: "k-1"));

        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task AKeyRefusedOnAClosedPollIsNotConsumed()
    {
        // A refused vote must not consume its key: the same key then works for a valid ballot elsewhere.
        var closed = await CreatePollAsync();
        await CloseAsync(closed);
        var open = await CreatePollAsync();

        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(closed, "voter-1", 1, key: "k-1"));

        await VoteOkAsync(open, "voter-1", 1, key: "k-1");
    }
}
