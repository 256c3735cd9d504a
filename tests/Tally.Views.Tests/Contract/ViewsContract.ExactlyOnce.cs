using Tally.Domain.Polls;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Contract;

/// <summary>A re-delivered event is never counted twice, whatever batches the daemon hands over.</summary>
public abstract partial class ViewsContract
{
    private static readonly string[] TwoRegions = ["EU", "US"];

    [Fact]
    public async Task ApplyingTheSameBatchTwiceChangesNothingTheSecondTime()
    {
        var (log, poll) = ScriptedLog();
        var once = fixture.Create();
        await once.ApplyAsync(log.All);
        var twice = fixture.Create();
        await twice.ApplyAsync(log.All);

        await twice.ApplyAsync(log.All);

        Assert.Equal(await DescribeAsync(once, poll), await DescribeAsync(twice, poll));
        var results = await twice.Results.View.GetAsync(poll.Id, Ct);
        Assert.Equal(6, results!.TotalVotes);
        Assert.Equal(EventScript.Start.AddSeconds(11), results.AmendedAt);
        Assert.All(await twice.CheckpointsAsync(), checkpoint => Assert.Equal(log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task OverlappingBatchesCountEachEventOnce()
    {
        var (log, poll) = ScriptedLog();
        var once = fixture.Create();
        await once.ApplyAsync(log.All);
        var overlapped = fixture.Create();

        await overlapped.ApplyAsync(log.Range(1, 6));
        await overlapped.ApplyAsync(log.Range(3, 9));
        await overlapped.ApplyAsync(log.Range(1, 2));
        await overlapped.ApplyAsync(log.Range(8, log.LastSequence));

        Assert.Equal(await DescribeAsync(once, poll), await DescribeAsync(overlapped, poll));
        Assert.All(await overlapped.CheckpointsAsync(), checkpoint => Assert.Equal(log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task TheCheckpointIsTheLastSequenceOfTheBatchApplied()
    {
        var (log, _) = ScriptedLog();

        await Views.ApplyAsync(log.Range(1, 4));
        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(4, checkpoint));

        await Views.ApplyAsync(log.Range(2, 3));
        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(4, checkpoint));

        await Views.ApplyAsync([]);
        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(4, checkpoint));

        await Views.ApplyAsync(log.Range(4, 7));
        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(7, checkpoint));
    }

    [Fact]
    public async Task AForgottenViewHoldsNothingAndTheLogRebuildsItToWhatItWas()
    {
        var (log, poll) = ScriptedLog();
        var once = fixture.Create();
        await once.ApplyAsync(log.All);
        await Views.ApplyAsync(log.All);

        foreach (var projection in Views.All)
        {
            await projection.ForgetAsync(Ct);
        }

        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(0, checkpoint));
        Assert.Null(await Views.Results.View.GetAsync(poll.Id, Ct));
        Assert.Null(await Views.Heatmap.View.GetAsync(poll.Id, Ct));
        Assert.Null(await Views.Delta.View.GetAsync(poll.Id, TimeSpan.FromHours(1), EventScript.Start.AddMinutes(1), Ct));
        Assert.Null(await Views.Voters.View.GetAsync(poll.Id, "voter-1", Ct));
        Assert.Null(await Views.Catalog.View.GetAsync(poll.Id, Ct));
        Assert.Equal(0, (await Views.Catalog.View.ListAsync(null, null, 1, 10, Ct)).Total);

        await Views.ApplyAsync(log.All);

        Assert.Equal(await DescribeAsync(once, poll), await DescribeAsync(Views, poll));
        Assert.All(await Views.CheckpointsAsync(), checkpoint => Assert.Equal(log.LastSequence, checkpoint));
    }

    [Fact]
    public async Task ARedeliveredBatchDoesNotSignalAChange()
    {
        var (log, poll) = ScriptedLog();
        await Views.ApplyAsync(log.All);
        var next = Views.Changes.NextChange(poll.Id);

        await Views.ApplyAsync(log.Range(2, log.LastSequence));

        Assert.False(next.IsCompleted);
    }

    /// <summary>
    /// A poll, eight votes over two regions, a retraction, admin retractions (one reinstated, one voted again after) and
    /// the close, then an admin retraction that amends the results.
    /// </summary>
    private static (EventScript Log, Poll Poll) ScriptedLog()
    {
        var log = new EventScript();
        var poll = EventScript.NewPoll(regions: TwoRegions);
        log.Created(poll);
        for (var i = 0; i < 8; i++)
        {
            log.Vote(poll, $"voter-{i}", i % 3 + 1, TwoRegions[i % 2], EventScript.Start.AddSeconds(i));
        }
        log.Retract(poll, "voter-0", EventScript.Start.AddSeconds(9));
        log.RetractByAdmin(poll, "voter-1", "bot", EventScript.Start.AddSeconds(9));
        log.RetractByAdmin(poll, "voter-2", "bot", EventScript.Start.AddSeconds(9));
        log.Reinstate(poll, "voter-1", EventScript.Start.AddSeconds(10));
        log.Vote(poll, "voter-2", 1, TwoRegions[0], EventScript.Start.AddSeconds(10));
        log.Close(poll, EventScript.Start.AddSeconds(10));
        log.RetractByAdmin(poll, "voter-3", "bot", EventScript.Start.AddSeconds(11));
        return (log, poll);
    }

    /// <summary>Everything the views say about the poll, as text that compares equal exactly when the views agree.</summary>
    private static async Task<string> DescribeAsync(ViewSet views, Poll poll)
    {
        var results = await views.Results.View.GetAsync(poll.Id, Ct);
        var heatmap = await views.Heatmap.View.GetAsync(poll.Id, Ct);
        var delta = await views.Delta.View.GetAsync(poll.Id, TimeSpan.FromHours(1), EventScript.Start.AddMinutes(1), Ct);
        var voters = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            voters.Add($"voter-{i}:{await views.Voters.View.GetAsync(poll.Id, $"voter-{i}", Ct)}");
        }
        var catalog = await views.Catalog.View.ListAsync(null, null, 1, 10, Ct);
        return string.Join(" | ",
            $"results {string.Join(",", results!.Votes)} total {results.TotalVotes} closed {results.ClosedAt:O} amended {results.AmendedAt:O}",
            $"heatmap {string.Join(";", heatmap!.Regions.Select(r => $"{r.Region}={string.Join(",", r.Votes)}"))}",
            $"delta {string.Join(",", delta!.Votes)}",
            $"voters {string.Join(",", voters)}",
            $"catalog {catalog.Total} {string.Join(",", catalog.Polls.Select(p => $"{p.Id}@{p.ClosedAt:O}"))}");
    }
}
