using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.Users;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task EverythingSurvivesARestartAndNewSequencesFollowTheOldOnes()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU", "US"]));
        var finished = await CreatePollAsync();
        for (var i = 0; i < 30; i++)
        {
            await VoteOkAsync(poll, $"voter-{i}", i % 3 + 1, i % 2 == 0 ? "EU" : "US");
        }
        var keyed = await VoteOkAsync(finished, "voter-0", 2, key: "k-0");
        Assert.True((await RetractAsync(poll, "voter-1")).Succeeded);
        await CloseAsync(finished);
        var user = new UserAccount("user-1", "alice", "hash", DateTimeOffset.UtcNow);
        Assert.True(await Ledger.Users.CreateAsync(user, Ct));
        var counts = await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct);
        var closedAt = (await Ledger.Polls.FindAsync(finished.Id, Ct))!.ClosedAt;
        var head = await HighWaterMarkAsync();
        var events = await ReadAllEventsAsync();

        await RestartAsync();

        Assert.Equal(head, await HighWaterMarkAsync());
        var reread = await ReadAllEventsAsync();
        Assert.Equal(events.Select(e => (e.Sequence, e.RecordedAt, e.Event.GetType())), reread.Select(e => (e.Sequence, e.RecordedAt, e.Event.GetType())));
        Assert.Equal(events.Where(e => e.Event is not PollCreated).Select(e => e.Event), reread.Where(e => e.Event is not PollCreated).Select(e => e.Event));
        Assert.Equal(counts, await Ledger.Votes.CountLiveVotesAsync(poll.Id, Ct));
        Assert.Equal(closedAt, (await Ledger.Polls.FindAsync(finished.Id, Ct))!.ClosedAt);
        Assert.True((await Fixture.ReadVoteRowsAsync(poll.Id, "voter-1", Ct)).Single().IsRetracted);
        Assert.Equal(user, await Ledger.Users.FindByUsernameAsync("alice", Ct));
        Assert.Equal(keyed, await VoteOkAsync(finished, "voter-0", 2, key: "k-0"));
        AssertRejected(ErrorCodes.AlreadyVoted, await VoteAsync(poll, "voter-0", 2, "EU"));
        AssertRejected(ErrorCodes.PollNotActive, await VoteAsync(finished, "voter-9", 1));

        var next = await VoteOkAsync(poll, "newcomer", 1, "EU");

        Assert.Equal(head + 1, next.Sequence);
        Assert.Equal(head + 1, await HighWaterMarkAsync());
    }
}
