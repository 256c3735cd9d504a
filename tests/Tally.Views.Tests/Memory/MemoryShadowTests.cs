using Tally.Domain.Events;
using Tally.Views.Memory;
using Tally.Views.Results;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// A shadow is a new, empty instance of a view that readers do not see: fed the log it counts what the live view counts,
/// and swapping it in replaces what readers see in one step.
/// </summary>
public sealed class MemoryShadowTests
{
    private readonly ScriptedVoting _voting = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AShadowFedTheSameEventsCountsWhatTheLiveViewCounts()
    {
        var events = _voting.Play();
        var live = new MemoryViewSet();
        await live.ApplyAsync(events);

        foreach (var view in live.All)
        {
            var shadow = view.CreateShadow();
            Assert.Equal(0, await shadow.ReadCheckpointAsync(Ct));
            foreach (var chunk in events.Chunk(7))
            {
                await shadow.ApplyAsync(chunk, Ct);
            }
            Assert.Equal(view.Checkpoint, await shadow.ReadCheckpointAsync(Ct));
            foreach (var poll in _voting.Polls)
            {
                Assert.Equal(await view.CountAsync(poll.Id, Ct), await shadow.CountAsync(poll.Id, Ct));
            }
            await shadow.DiscardAsync(Ct);
        }
    }

    [Fact]
    public async Task CountsAreWhatTheLiveVotesAre()
    {
        var log = new EventScript();
        var poll = EventScript.NewPoll(regions: ScriptedVoting.Regions);
        var views = new MemoryViewSet();
        await views.ApplyAsync([
            log.Created(poll), log.Vote(poll, "a", 1, "EU"), log.Vote(poll, "b", 1, "US"), log.Vote(poll, "c", 3, "EU"),
            log.Vote(poll, "d", 3), log.Retract(poll, "b")]);

        Assert.Equal([new HeldVotes(1, null, 1), new HeldVotes(2, null, 0), new HeldVotes(3, null, 2)], await views.Results.CountAsync(poll.Id, Ct));
        Assert.Equal([new HeldVotes(1, "EU", 1), new HeldVotes(3, "EU", 1)], await views.Heatmap.CountAsync(poll.Id, Ct));
        Assert.Equal([new HeldVotes(1, null, 1), new HeldVotes(3, null, 2)], await views.Voters.CountAsync(poll.Id, Ct));
        Assert.Empty(await views.Results.CountAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task ReadersSeeTheLiveStateUntilTheSwapAndTheShadowsAfterItNeverAMix()
    {
        var events = _voting.Play();
        var poll = _voting.Polls[0];
        var live = new MemoryViewSet();
        // The live view went wrong: it counts every vote for option 1.
        await live.ApplyAsync(events.Select(e => e.Event is VoteCast cast ? e with { Event = cast with { OptionId = 1 } } : e));
        var wrong = (await live.Results.GetAsync(poll.Id, Ct))!.Votes.ToArray();
        var shadow = live.Results.CreateShadow();
        await shadow.ApplyAsync(events, Ct);
        var right = await ExpectedVotesAsync(events, poll.Id);
        Assert.NotEqual(wrong, right);

        Assert.Equal(wrong, (await live.Results.GetAsync(poll.Id, Ct))!.Votes);
        Assert.Empty(await live.Results.CountAsync(Guid.NewGuid(), Ct));
        var changed = live.Changes.NextChange(poll.Id);
        Assert.False(changed.IsCompleted);

        using var done = new CancellationTokenSource();
        var sawRight = false;
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var votes = (await live.Results.GetAsync(poll.Id, CancellationToken.None))!.Votes.ToArray();
                Assert.True(votes.SequenceEqual(wrong) || votes.SequenceEqual(right), $"A reader saw {string.Join(",", votes)}.");
                Assert.False(sawRight && votes.SequenceEqual(wrong), "A reader saw the old state after the new one.");
                sawRight |= votes.SequenceEqual(right);
            }
        }, Ct);
        await shadow.SwapInAsync(Ct);
        await Eventually.HoldsAsync(() => Volatile.Read(ref sawRight) || reader.IsCompleted, TimeSpan.FromSeconds(10), "no reader saw the swap", Ct);
        await done.CancelAsync();
        await reader;

        Assert.Equal(right, (await live.Results.GetAsync(poll.Id, Ct))!.Votes);
        Assert.Equal(events[^1].Sequence, live.Results.Checkpoint);
        Assert.True(changed.IsCompletedSuccessfully, "Live streams were not told the poll changed.");
        await Assert.ThrowsAsync<InvalidOperationException>(() => shadow.ApplyAsync(events, Ct).AsTask());
    }

    [Fact]
    public async Task AShadowTellsLiveStreamsNothingAndADiscardedOneLeavesTheLiveViewAlone()
    {
        var events = _voting.Play();
        var poll = _voting.Polls[0];
        var live = new MemoryViewSet();
        await live.ApplyAsync(events.Take(10));
        var before = await live.AnswersAsync(_voting.Polls, _voting.Voters);
        var changed = live.Changes.NextChange(poll.Id);

        foreach (var view in live.All)
        {
            var shadow = view.CreateShadow();
            await shadow.ApplyAsync(events, Ct);
            await shadow.DiscardAsync(Ct);
        }

        Assert.False(changed.IsCompleted);
        Assert.Equal(before, await live.AnswersAsync(_voting.Polls, _voting.Voters));
    }

    [Fact]
    public async Task EveryViewSwappedInAnswersAsAFullReplay()
    {
        var events = _voting.Play();
        var replayed = new MemoryViewSet();
        await replayed.ApplyAsync(events);
        var live = new MemoryViewSet();
        await live.ApplyAsync(events.Select(e => e.Event is VoteRetracted ? e with { Event = new PollClosed(Guid.NewGuid(), "x", e.RecordedAt) } : e));

        foreach (var view in live.All)
        {
            var shadow = view.CreateShadow();
            await shadow.ApplyAsync(events, Ct);
            await shadow.SwapInAsync(Ct);
        }

        Assert.Equal(await replayed.AnswersAsync(_voting.Polls, _voting.Voters), await live.AnswersAsync(_voting.Polls, _voting.Voters));
    }

    private static async Task<long[]> ExpectedVotesAsync(IReadOnlyList<StoredEvent> events, Guid pollId)
    {
        var results = new MemoryResultsProjection(new());
        await results.ApplyAsync(events.Where(e => e.Event.PollId == pollId).ToArray(), Ct);
        return (await results.GetAsync(pollId, Ct))!.Votes.ToArray();
    }
}
