using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ACreatedPollIsFoundWithEverythingItWasCreatedWith()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var end = start.AddDays(1);
        var draft = new PollDraft("  Lunch?  ", "Where shall we eat?", [" Pizza ", "Sushi"], ["EU", "US"], start, end,
            new PollSettings(ResultsVisibility.AfterClose, AllowVoteChange: false));

        var created = await Ledger.CreatePoll.HandleAsync(new CreatePoll(Owner, draft), Ct);
        var found = await Ledger.Polls.FindAsync(created.Value!.Poll.Id, Ct);

        Assert.NotNull(found);
        Assert.Equal(Owner, found.OwnerId);
        Assert.Equal("Lunch?", found.Title);
        Assert.Equal("Where shall we eat?", found.Description);
        Assert.Equal([new PollOption(1, "Pizza"), new PollOption(2, "Sushi")], found.Options);
        Assert.Equal(["EU", "US"], found.Regions);
        Assert.Equal(start, found.StartTime);
        Assert.Equal(end, found.EndTime);
        Assert.Equal(draft.Settings, found.Settings);
        Assert.Equal(created.Value.Poll.CreatedAt, found.CreatedAt);
        Assert.Null(found.ClosedAt);
    }

    [Fact]
    public async Task APollThatWouldBeBornClosedIsRejectedAndNothingIsWritten()
    {
        var now = Clock.GetUtcNow();

        var outcome = await Ledger.CreatePoll.HandleAsync(new CreatePoll(Owner, Draft(start: now.AddHours(-2), end: now.AddSeconds(-1))), Ct);

        AssertRejected(ErrorCodes.ValidationFailed, outcome);
        Assert.Equal(["end_time"], outcome.Rejection!.Errors!.Keys);
        Assert.Equal(0, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task AnUnknownPollIsNotFound() => Assert.Null(await Ledger.Polls.FindAsync(Guid.CreateVersion7(), Ct));

    [Fact]
    public async Task AnInvalidPollIsRejectedAndNothingIsWritten()
    {
        var outcome = await Ledger.CreatePoll.HandleAsync(new CreatePoll(Owner, Draft() with { Options = ["Only one"] }), Ct);

        AssertRejected(ErrorCodes.ValidationFailed, outcome);
        Assert.Contains("options", outcome.Rejection!.Errors!.Keys);
        Assert.Equal(0, await HighWaterMarkAsync());
    }

    [Fact]
    public async Task TheOwnerClosesAPollAndTheCloseIsStoredAndAudited()
    {
        var poll = await CreatePollAsync();

        var outcome = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);

        Assert.True(outcome.Succeeded);
        var closedAt = outcome.Value!.Poll.ClosedAt;
        Assert.NotNull(closedAt);
        var found = await Ledger.Polls.FindAsync(poll.Id, Ct);
        Assert.Equal(closedAt, found!.ClosedAt);
        Assert.Equal(PollStatus.Closed, found.StatusAt(closedAt.Value));
        var audit = await Fixture.ReadAuditRowsAsync(poll.Id, Ct);
        Assert.Equal(["poll_created", "poll_closed"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Owner, a.Actor));
    }

    [Fact]
    public async Task ClosingAPollTwiceChangesNothingAndAnswersWithThePollAsItIs()
    {
        var poll = await CreatePollAsync();
        await CloseAsync(poll);
        var closedAt = (await Ledger.Polls.FindAsync(poll.Id, Ct))!.ClosedAt;
        var head = await HighWaterMarkAsync();

        var again = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);

        Assert.True(again.Succeeded, again.Rejection?.Code);
        Assert.Equal(closedAt, again.Value!.Poll.ClosedAt);
        Assert.Equal(head, again.Value.Sequence);
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Equal(closedAt, (await Ledger.Polls.FindAsync(poll.Id, Ct))!.ClosedAt);
        Assert.Equal(["poll_created", "poll_closed"], (await Fixture.ReadAuditRowsAsync(poll.Id, Ct)).Select(a => a.Action));
    }

    [Fact]
    public async Task ClosingAPollPastItsEndTimeChangesNothing()
    {
        var now = Clock.GetUtcNow();
        var poll = await CreatePollAsync(Draft(start: now.AddHours(-2), end: now.AddHours(1)));
        Clock.Step(TimeSpan.FromHours(2));
        var head = await HighWaterMarkAsync();

        var outcome = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, Owner), Ct);

        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        Assert.Null(outcome.Value!.Poll.ClosedAt);
        Assert.Equal(PollStatus.Closed, outcome.Value.Poll.StatusAt(Clock.GetUtcNow()));
        Assert.Equal(head, await HighWaterMarkAsync());
        Assert.Null((await Ledger.Polls.FindAsync(poll.Id, Ct))!.ClosedAt);
    }

    [Fact]
    public async Task OnlyTheOwnerMayCloseAPoll()
    {
        var poll = await CreatePollAsync();
        var head = await HighWaterMarkAsync();

        var outcome = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, "someone-else"), Ct);

        AssertRejected(ErrorCodes.NotPollOwner, outcome);
        Assert.Null((await Ledger.Polls.FindAsync(poll.Id, Ct))!.ClosedAt);
        Assert.Equal(head, await HighWaterMarkAsync());
        await VoteOkAsync(poll, "voter-1", 1);
    }

    [Fact]
    public async Task ClosingAnUnknownPollIsNotFound() =>
        AssertRejected(ErrorCodes.PollNotFound, await Ledger.ClosePoll.HandleAsync(new ClosePoll(Guid.CreateVersion7(), Owner), Ct));
}
