using Tally.Domain.Errors;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ReplayingAKeyWithTheSameBallotReturnsTheFirstReceiptAndWritesNothing()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"]));
        var first = await VoteOkAsync(poll, "voter-1", 2, "EU", key: "k-1");
        var head = await HighWaterMarkAsync();

        var replay = await VoteOkAsync(poll, "voter-1", 2, "EU", key: "k-1");

        Assert.Equal(first, replay);
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
    }

    [Theory]
    [InlineData(3, "EU")]
    [InlineData(2, "US")]
    public async Task ReusingAKeyForADifferentBallotIsRejected(int option, string region)
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var first = await VoteOkAsync(poll, "voter-1", 2, "EU", key: "k-1");
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.IdempotencyKeyReused, await VoteAsync(poll, "voter-1", option, region, key: "k-1"));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Equal(first.VoteId, Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).VoteId);
    }

    [Fact]
    public async Task ReusingAKeyInAnotherPollIsRejected()
    {
        var poll = await CreatePollAsync();
        var other = await CreatePollAsync();
        await VoteOkAsync(poll, "voter-1", 1, key: "k-1");

        AssertRejected(ErrorCodes.IdempotencyKeyReused, await VoteAsync(other, "voter-1", 1, key: "k-1"));
        Assert.Empty(await Fixture.ReadVoteRowsAsync(other.Id, "voter-1", Ct));
    }

    [Fact]
    public async Task KeysBelongToTheirVoter()
    {
        var poll = await CreatePollAsync();
        var alice = await VoteOkAsync(poll, "alice", 1, key: "same-key");

        var bob = await VoteOkAsync(poll, "bob", 1, key: "same-key");

        Assert.NotEqual(alice.VoteId, bob.VoteId);
        Assert.Equal(new Dictionary<int, long> { [1] = 2 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
    }

    [Fact]
    public async Task AReplayAfterThePollClosedStillReturnsTheFirstReceipt()
    {
        var poll = await CreatePollAsync();
        var first = await VoteOkAsync(poll, "voter-1", 1, key: "k-1");
        await CloseAsync(poll);
        var head = await HighWaterMarkAsync();

        Assert.Equal(first, await VoteOkAsync(poll, "voter-1", 1, key: "k-1"));
        Assert.Equal(head, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task ConcurrentDuplicatesOfOneKeyResolveToOneVote()
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            VoteAsync(poll, "voter-1", 2, key: "retry-me"), Ct)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Rejection?.Code));
        var receipt = outcomes[0].Value!;
        Assert.All(outcomes, o => Assert.Equal(receipt, o.Value));
        Assert.Equal(receipt.Sequence, Assert.Single(await Ledger.Events.ReadAfterAsync(head, 100, Ct)).Sequence);
        Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
    }

    [Fact]
    public async Task DuplicatesOfOneKeyInsideOneBatchShareOneReceipt()
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();
        var batch = Enumerable.Range(0, 3)
            .Select(_ => new PendingVote(Cast(poll.Id, "voter-1", 2, key: "retry-me"), Guid.CreateVersion7()))
            .ToArray();

        Ledger.Batcher.Commit(batch);

        var outcomes = await Task.WhenAll(batch.Select(v => v.Outcome));
        var receipt = outcomes[0].Value!;
        Assert.Equal(batch[0].VoteId, receipt.VoteId);
        Assert.All(outcomes, o => Assert.Equal(receipt, o.Value));
        Assert.Single(await Ledger.Events.ReadAfterAsync(head, 100, Ct));
        Assert.Equal(receipt.VoteId, Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).VoteId);
    }
}
