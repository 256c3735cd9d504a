using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AnEmptyLedgerHasNoEvents()
    {
        Assert.Equal(0, await HighWaterMarkAsync());
        Assert.Empty(await ReadAllEventsAsync());
    }

    [Fact]
    public async Task EveryWriteAppendsExactlyOneEventAndTheLogReadsBackWhatHappened()
    {
        var created = await Ledger.CreatePoll.HandleAsync(new CreatePoll(Owner, Draft(regions: ["EU", "US"])), Ct);
        var poll = created.Value!.Poll;
        Assert.Equal(1, created.Value.Sequence);
        Assert.Equal(1, await HighWaterMarkAsync());

        var first = await VoteOkAsync(poll, "voter-1", 2, "EU");
        Assert.Equal(2, first.Sequence);
        Assert.Equal(2, await HighWaterMarkAsync());

        var second = await VoteOkAsync(poll, "voter-2", 3, "US");
        Assert.Equal(3, second.Sequence);
        Assert.Equal(3, await HighWaterMarkAsync());

        var retraction = (await RetractAsync(poll, "voter-1")).Value!;
        Assert.Equal(4, retraction.Sequence);
        Assert.Equal(4, await HighWaterMarkAsync());

        var closed = (await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct)).Value!;
        Assert.Equal(5, closed.Sequence);
        Assert.Equal(5, await HighWaterMarkAsync());

        var events = await ReadAllEventsAsync();
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence));

        var pollCreated = Assert.IsType<PollCreated>(events[0].Event);
        Assert.Equal(poll.Id, pollCreated.Poll.Id);
        Assert.Equal(poll.Title, pollCreated.Poll.Title);
        Assert.Equal(poll.Options, pollCreated.Poll.Options);
        Assert.Equal(poll.Regions, pollCreated.Poll.Regions);
        Assert.Equal(poll.Settings, pollCreated.Poll.Settings);
        Assert.Equal(poll.CreatedAt, events[0].RecordedAt);

        Assert.Equal(new VoteCast(first.VoteId, poll.Id, "voter-1", 2, "EU", first.RecordedAt, Client.IpAddress, Client.UserAgent), events[1].Event);
        Assert.Equal(first.RecordedAt, events[1].RecordedAt);
        Assert.Equal(new VoteCast(second.VoteId, poll.Id, "voter-2", 3, "US", second.RecordedAt, Client.IpAddress, Client.UserAgent), events[2].Event);
        Assert.Equal(
            new VoteRetracted(first.VoteId, poll.Id, "voter-1", 2, "EU", retraction.RetractedAt), events[3].Event);
        Assert.Equal(retraction.RetractedAt, events[3].RecordedAt);
        Assert.Equal(new PollClosed(poll.Id, Owner, closed.Poll.ClosedAt!.Value), events[4].Event);
    }

    [Fact]
    public async Task RefusedCommandsAppendNoEvent()
    {
        var poll = await CreatePollAsync(Draft(regions: ["EU"], allowVoteChange: false));
        await VoteOkAsync(poll, "voter-1", 1, "EU");
        var head = await HighWaterMarkAsync();

        AssertRejected(ErrorCodes.AlreadyVoted, await VoteAsync(poll, "voter-1", 2, "EU"));
        AssertRejected(ErrorCodes.InvalidOption, await VoteAsync(poll, "voter-2", 4, "EU"));
        AssertRejected(ErrorCodes.InvalidRegion, await VoteAsync(poll, "voter-2", 1, "Mars"));
        AssertRejected(ErrorCodes.InvalidRegion, await VoteAsync(poll, "voter-2", 1));
        AssertRejected(ErrorCodes.PollNotFound, await Ledger.CastVote.HandleAsync(Cast(Guid.CreateVersion7(), "voter-2", 1), Ct));
        AssertRejected(ErrorCodes.VoteChangeNotAllowed, await RetractAsync(poll, "voter-1"));
        AssertRejected(ErrorCodes.NotPollOwner, await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, "voter-1"), Ct));

        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Empty(await Ledger.Events.ReadAfterAsync(head, 100, Ct));
    }

    [Fact]
    public async Task ReadingAfterASequenceReturnsOnlyLaterEventsUpToTheLimit()
    {
        var poll = await CreatePollAsync();
        for (var i = 1; i <= 4; i++)
        {
            await VoteOkAsync(poll, $"voter-{i}", 1);
        }

        Assert.Equal([3L, 4], (await Ledger.Events.ReadAfterAsync(2, 2, Ct)).Select(e => e.Sequence));
        Assert.Equal([5L], (await Ledger.Events.ReadAfterAsync(4, 100, Ct)).Select(e => e.Sequence));
        Assert.Empty(await Ledger.Events.ReadAfterAsync(5, 100, Ct));
        Assert.Equal([1L, 2, 3, 4, 5], (await ReadAllEventsAsync()).Select(e => e.Sequence));
        Assert.Equal(5, await HighWaterMarkAsync());
    }
}
