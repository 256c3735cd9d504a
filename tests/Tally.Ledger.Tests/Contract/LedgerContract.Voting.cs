using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

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
    public async Task AVotesTextIsStoredLoggedAndReplayedAsSentInAnyScriptEvenEmpty()
    {
        var poll = await CreatePollAsync(Draft(regions: ["Zürich", "東京"]));
        var client = new ClientInfo("2001:db8::7", "");
        var cast = new CastVote(new Ballot(poll.Id, "wähler-日本-🗳", 2, "東京"), "schlüssel-🔑", client);

        var receipt = (await Ledger.CastVote.HandleAsync(cast, Ct)).Value!;
        var replayed = await Ledger.CastVote.HandleAsync(cast, Ct);

        Assert.Equal(receipt, replayed.Value);
        Assert.Equal(new VoteRow(receipt.VoteId, 2, "東京", false, null, "2001:db8::7", ""),
            Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "wähler-日本-🗳", Ct)));
        Assert.Equal(new VoteCast(receipt.VoteId, poll.Id, "wähler-日本-🗳", 2, "東京", receipt.RecordedAt, "2001:db8::7", ""),
            (await ReadAllEventsAsync()).Single(e => e.Sequence == receipt.Sequence).Event);
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
    public async Task AVoteAfterAPollClosesIsNotActiveThoughEarlierVotesSawItOpen()
    {
        var poll = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 1, key: "k-1");
        await VoteOkAsync(poll, "voter-2", 2, key: "k-2");
        await CloseAsync(poll);
        var head = await HighWaterMarkAsync();

        // With a key the store judges the poll itself, as it stands in the vote's transaction.
        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(poll, "voter-3", 1, key: "k-3"));

        Assert.Empty(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-3", Ct));
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
