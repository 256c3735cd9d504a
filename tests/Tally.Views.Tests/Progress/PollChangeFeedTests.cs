using Tally.Views.Results;
using Tally.Views.Progress;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Progress;

public sealed class PollChangeFeedTests
{
    private readonly EventScript _log = new();
    private readonly PollChangeFeed _changes = new();
    private readonly MemoryResultsProjection _results;

    public PollChangeFeedTests() => _results = new MemoryResultsProjection(_changes);

    [Fact]
    public async Task ABatchSignalsEveryPollItChangedAndNoOther()
    {
        var lunch = EventScript.NewPoll();
        var dinner = EventScript.NewPoll("Dinner?");
        var quiet = EventScript.NewPoll("Quiet");
        await _results.BatchAsync([_log.Created(lunch), _log.Created(dinner), _log.Created(quiet)]);
        var lunchChanged = _changes.NextChange(lunch.Id);
        var dinnerChanged = _changes.NextChange(dinner.Id);
        var quietChanged = _changes.NextChange(quiet.Id);

        await _results.BatchAsync([_log.Vote(lunch, "a", 1), _log.Close(dinner)]);

        Assert.True(lunchChanged.IsCompletedSuccessfully);
        Assert.True(dinnerChanged.IsCompletedSuccessfully);
        Assert.False(quietChanged.IsCompleted);
    }

    [Fact]
    public async Task AWaiterSeesTheResultsOfTheChangeThatWokeIt()
    {
        var poll = EventScript.NewPoll();
        await _results.BatchAsync([_log.Created(poll)]);
        var changed = _changes.NextChange(poll.Id);

        await _results.BatchAsync([_log.Vote(poll, "a", 2)]);

        await changed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal([0L, 1, 0], (await _results.GetAsync(poll.Id, TestContext.Current.CancellationToken))!.Votes);
    }

    [Fact]
    public async Task ASignalIsSpentByItsChangeAndTheNextOneWaitsForTheNextChange()
    {
        var poll = EventScript.NewPoll();
        await _results.BatchAsync([_log.Created(poll)]);
        var first = _changes.NextChange(poll.Id);
        await _results.BatchAsync([_log.Vote(poll, "a", 1)]);

        var second = _changes.NextChange(poll.Id);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
        await _results.BatchAsync([_log.Vote(poll, "b", 1)]);
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitersOnOnePollShareOneSignal()
    {
        var poll = Guid.CreateVersion7();
        var first = _changes.NextChange(poll);
        var second = _changes.NextChange(poll);

        _changes.Changed(poll);

        Assert.Same(first, second);
        Assert.True(first.IsCompletedSuccessfully);
    }
}
