using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// Repairing a poll replaces what each view holds about it with what its events say, at once, leaving the checkpoint and
/// every other poll alone.
/// </summary>
public sealed class MemoryRepairTests
{
    private readonly ScriptedVoting _voting = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARepairedPollAnswersAsAFullReplayAndOtherPollsAreUntouched()
    {
        var events = _voting.Play();
        var damaged = _voting.Polls[0];
        var views = new MemoryViewSet();
        await views.ApplyAsync(events);
        var others = Checkpointless(await views.AnswersAsync(_voting.Polls[1..], _voting.Voters));

        // Events the ledger never wrote reach the views: a ghost vote, a lost retraction's vote back, a false close.
        var ghost = new EventScript();
        var bogus = new List<StoredEvent>();
        var at = events[^1].Sequence;
        foreach (var e in new LedgerEvent[]
        {
            new VoteCast(Guid.NewGuid(), damaged.Id, "ghost", 2, "EU", EventScript.Start),
            new VoteCast(Guid.NewGuid(), damaged.Id, _voting.Voters[0], 3, "US", EventScript.Start),
            new PollClosed(damaged.Id, "nobody", EventScript.Start),
        })
        {
            bogus.Add(new StoredEvent(++at, EventScript.Start, e));
        }
        await views.ApplyAsync(bogus);
        var truth = new MemoryViewSet();
        await truth.ApplyAsync(events);
        Assert.NotEqual(await truth.AnswersAsync([damaged], _voting.Voters), await views.AnswersAsync([damaged], _voting.Voters));

        var pollEvents = events.Where(e => e.Event.PollId == damaged.Id).ToArray();
        foreach (var view in views.All)
        {
            await view.RepairPollAsync(damaged.Id, pollEvents, Ct);
            Assert.Equal(at, view.Checkpoint);
        }

        await truth.ApplyAsync(bogus.Select(e => e with { Event = new PollClosed(Guid.NewGuid(), "nobody", e.RecordedAt) }));
        Assert.Equal(await truth.AnswersAsync([damaged], _voting.Voters), await views.AnswersAsync([damaged], _voting.Voters));
        Assert.Equal(others, Checkpointless(await views.AnswersAsync(_voting.Polls[1..], _voting.Voters)));
        Assert.Null(await views.Voters.GetAsync(damaged.Id, "ghost", Ct));
        Assert.Equal(_voting.Polls.Length, (await views.Catalog.ListAsync(null, null, 1, 10, Ct)).Total);
        Assert.Equal(2, (await views.Catalog.ListAsync("lunch", null, 1, 10, Ct)).Total);
    }

    [Fact]
    public async Task APollTheViewsLostComesBackAndOneTheLogDoesNotHoldGoes()
    {
        var events = _voting.Play();
        var (lost, unknown) = (_voting.Polls[0], _voting.Polls[2]);
        var views = new MemoryViewSet();
        await views.ApplyAsync(events.Where(e => e.Event.PollId != lost.Id));
        var truth = new MemoryViewSet();
        await truth.ApplyAsync(events.Where(e => e.Event.PollId != unknown.Id));

        foreach (var view in views.All)
        {
            await view.RepairPollAsync(lost.Id, events.Where(e => e.Event.PollId == lost.Id).ToArray(), Ct);
            await view.RepairPollAsync(unknown.Id, [], Ct);
        }

        foreach (var view in views.All.Concat(truth.All))
        {
            Assert.Empty(await view.CountAsync(unknown.Id, Ct));
        }
        Assert.Null(await views.Results.GetAsync(unknown.Id, Ct));
        Assert.Null(await views.Catalog.GetAsync(unknown.Id, Ct));
        Assert.Null(await views.Voters.GetAsync(unknown.Id, _voting.Voters[2], Ct));
        // Listed again as the newest poll: the catalogue's lists only grow at their end.
        Assert.Equal(Checkpointless(await truth.AnswersAsync([lost], _voting.Voters, listings: false)),
            Checkpointless(await views.AnswersAsync([lost], _voting.Voters, listings: false)));
        Assert.Equal(lost.Id, (await views.Catalog.ListAsync("today", null, 1, 10, Ct)).Polls.Single().Id);
    }

    [Fact]
    public async Task ReadersSeeTheRepairedPollWholeOrNotAtAll()
    {
        var events = _voting.Play();
        var poll = _voting.Polls[0];
        var views = new MemoryViewSet();
        await views.ApplyAsync(events);
        var right = (await views.Results.GetAsync(poll.Id, Ct))!.Votes.ToArray();
        var ghosts = Enumerable.Range(0, 5).Select(i => new StoredEvent(events[^1].Sequence + 1 + i, EventScript.Start,
            new VoteCast(Guid.NewGuid(), poll.Id, $"ghost-{i}", 1, null, EventScript.Start))).ToArray();
        await views.ApplyAsync(ghosts);
        var wrong = (await views.Results.GetAsync(poll.Id, Ct))!.Votes.ToArray();
        var changed = views.Changes.NextChange(poll.Id);

        var batch = new PausedBatch(events.Where(e => e.Event.PollId == poll.Id).ToArray(), pauseBefore: 40);
        var repairing = Task.Run(() => views.Results.RepairPollAsync(poll.Id, batch, Ct).AsTask(), Ct);
        await batch.Paused;
        Assert.Equal(wrong, (await views.Results.GetAsync(poll.Id, Ct))!.Votes);
        Assert.False(changed.IsCompleted);
        batch.Resume();
        await repairing;

        Assert.Equal(right, (await views.Results.GetAsync(poll.Id, Ct))!.Votes);
        Assert.True(changed.IsCompletedSuccessfully);
    }

    private static string Checkpointless(string answers) => answers[..answers.LastIndexOf('[')];
}
