using Tally.Views.Delta;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>Delta: votes gained per option in a time window, by commit time.</summary>
public abstract partial class ViewsContract
{
    private static readonly DateTimeOffset T0 = EventScript.Start;

    private Projected<IDeltaView> Delta => Views.Delta;

    [Fact]
    public async Task OnlyVotesInTheBucketsTheWindowReachesAreCounted()
    {
        var poll = EventScript.NewPoll();
        await Delta.BatchAsync([
            _log.Created(poll),
            _log.Vote(poll, "old", 1, at: T0.AddSeconds(1)),
            _log.Vote(poll, "a", 1, at: T0.AddSeconds(6)),
            _log.Vote(poll, "b", 2, at: T0.AddSeconds(12)),
            _log.Vote(poll, "c", 2, at: T0.AddSeconds(14)),
        ]);
        var now = T0.AddSeconds(14);

        var delta = await Delta.View.GetAsync(poll.Id, TimeSpan.FromSeconds(5), now, Ct);

        // now - 5 s = T0 + 9 s, which lies in the bucket starting at T0 + 5 s: that whole bucket counts, the one before does not.
        Assert.NotNull(delta);
        Assert.Equal(T0.AddSeconds(5), delta.From);
        Assert.Equal(now, delta.To);
        Assert.Equal([1L, 2, 0], delta.Votes);
        Assert.Equal(3, delta.Total);
    }

    [Fact]
    public async Task AWindowReachingBackToTheFirstVoteCountsEveryVote()
    {
        var poll = EventScript.NewPoll();
        await Delta.BatchAsync([
            _log.Created(poll),
            _log.Vote(poll, "a", 1, at: T0.AddSeconds(1)),
            _log.Vote(poll, "b", 3, at: T0.AddMinutes(10)),
        ]);

        var delta = await Delta.View.GetAsync(poll.Id, TimeSpan.FromMinutes(15), T0.AddMinutes(15), Ct);

        Assert.Equal([1L, 0, 1], delta!.Votes);
        Assert.Equal(2, delta.Total);
    }

    [Fact]
    public async Task ARetractionCountsAgainstItsOptionWhenItHappened()
    {
        var poll = EventScript.NewPoll();
        await Delta.BatchAsync([
            _log.Created(poll),
            _log.Vote(poll, "a", 1, at: T0.AddSeconds(1)),
            _log.Retract(poll, "a", at: T0.AddSeconds(21)),
            _log.Vote(poll, "a", 2, at: T0.AddSeconds(22)),
        ]);
        var now = T0.AddSeconds(24);

        var recent = await Delta.View.GetAsync(poll.Id, TimeSpan.FromSeconds(5), now, Ct);
        var all = await Delta.View.GetAsync(poll.Id, TimeSpan.FromMinutes(1), now, Ct);

        Assert.Equal([-1L, 1, 0], recent!.Votes);
        Assert.Equal(0, recent.Total);
        Assert.Equal([0L, 1, 0], all!.Votes);
        Assert.Equal(1, all.Total);
    }

    [Fact]
    public async Task AQuietWindowHasNoVotes()
    {
        var poll = EventScript.NewPoll(options: 2);
        await Delta.BatchAsync([_log.Created(poll), _log.Vote(poll, "a", 1, at: T0.AddSeconds(1))]);

        var delta = await Delta.View.GetAsync(poll.Id, TimeSpan.FromSeconds(30), T0.AddHours(1), Ct);

        Assert.Equal([0L, 0], delta!.Votes);
        Assert.Equal(0, delta.Total);
    }

    [Fact]
    public async Task AnUnknownPollHasNoDelta() =>
        Assert.Null(await Delta.View.GetAsync(Guid.CreateVersion7(), TimeSpan.FromMinutes(1), T0, Ct));
}
