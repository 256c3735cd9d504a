using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoHundredConcurrentAttemptsByOneVoterRecordOneVote(bool withIdempotencyKeys)
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();

        // Each attempt is a different request (its own key when keys are used), racing on its own thread.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            VoteAsync(poll, "voter-1", i % 3 + 1, key: withIdempotencyKeys ? $"key-{i}" : null), Ct)));

        var recorded = Assert.Single(outcomes, o => o.Succeeded).Value!;
        Assert.Equal(199, outcomes.Count(o => o.Rejection?.Code == ErrorCodes.AlreadyVoted));
        Assert.Equal(new Dictionary<int, long> { [recorded.OptionId] = 1 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
        var row = Assert.Single(await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct));
        Assert.Equal(recorded.VoteId, row.VoteId);
        var cast = Assert.Single(await Ledger.Events.ReadAfterAsync(head, 1000, Ct));
        Assert.Equal(recorded.Sequence, cast.Sequence);
        Assert.Equal(recorded.VoteId, Assert.IsType<VoteCast>(cast.Event).VoteId);
    }

    [Fact]
    public async Task ConcurrentVotesByDistinctVotersAreAllRecordedWithContiguousSequences()
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            VoteAsync(poll, $"voter-{i}", i % 3 + 1), Ct)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Rejection?.Code));
        var sequences = outcomes.Select(o => o.Value!.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 300).Select(i => head + i), sequences);
        Assert.Equal(head + 300, await HighWaterMarkAsync());
        Assert.Equal(new Dictionary<int, long> { [1] = 100, [2] = 100, [3] = 100 }, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
        var events = await Ledger.Events.ReadAfterAsync(head, 1000, Ct);
        Assert.Equal(sequences, events.Select(e => e.Sequence));
        Assert.Equal(
            outcomes.Select(o => o.Value!.VoteId).Order(),
            events.Select(e => Assert.IsType<VoteCast>(e.Event).VoteId).Order());
    }
}
