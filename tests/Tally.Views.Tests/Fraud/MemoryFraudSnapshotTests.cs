using Microsoft.Extensions.Options;
using Tally.Views.Fraud;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Fraud;

/// <summary>The memory fraud view written to a views snapshot and loaded again answers as before, registrations and retractions included.</summary>
public sealed class MemoryFraudSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset T0 = EventScript.Start;

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ALoadedSnapshotAnswersAsTheViewItWasTakenFrom()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new ManualClock(T0);
        var options = Options.Create(new FraudOptions());
        var log = new FraudLog();
        var poll = EventScript.NewPoll("Snapshot");
        var closed = EventScript.NewPoll("Closed long ago");
        log.Created(poll);
        log.Created(closed);
        log.Registered("fresh-0", T0);
        log.Registered("fresh-1", T0);
        for (var i = 0; i < 300; i++)
        {
            var cast = log.Vote(poll, i < 2 ? $"fresh-{i}" : $"voter-{i}", i % 3 == 0 ? "203.0.113.7" : $"10.0.{i}.1", T0.AddSeconds(i), agent: $"agent-{i % 7}");
            if (i % 10 == 0)
            {
                log.Retract(cast, T0.AddSeconds(i + 1));
            }
            log.Vote(closed, $"voter-{i}", "198.51.100.1", T0.AddSeconds(i));
        }
        log.Close(closed, T0.AddHours(1));
        var view = new MemoryFraudProjection(clock, options);
        await view.ApplyAsync(log.All, ct);
        clock.Now = T0.AddDays(40);
        Assert.Equal(1, await view.ForgetExpiredAsync(clock.Now, ct));
        var query = new SuspiciousQuery(null, 1, 50, T0.AddDays(1));
        var before = await view.FindAsync(poll.Id, query, ct);

        var file = new MemorySnapshotFile(Path.Combine(_data.Path, "views.snapshot"));
        using (var image = view.CaptureImage())
        {
            file.Write(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), log.All.Count, "hash"), [image]);
        }
        var (_, loaded) = file.Read([new MemoryFraudProjection(clock, options)])!.Value;
        var restored = (MemoryFraudProjection)loaded[0];

        var after = await restored.FindAsync(poll.Id, query, ct);
        Assert.Equal(log.All.Count, restored.Checkpoint);
        Assert.Equal(before!.VotesConsidered, after!.VotesConsidered);
        Assert.Equal(before.Clusters.Select(c => (c.Kind, c.Key, c.Votes, c.Score, c.FirstAt, c.LastAt)), after.Clusters.Select(c => (c.Kind, c.Key, c.Votes, c.Score, c.FirstAt, c.LastAt)));
        Assert.Equal(before.Clusters.SelectMany(c => c.SampleVoteIds), after.Clusters.SelectMany(c => c.SampleVoteIds));
        Assert.Contains(after.Clusters, c => c.Kind == ClusterKind.UserAgent && c.Key.StartsWith("agent-", StringComparison.Ordinal));
        Assert.True((await restored.FindAsync(closed.Id, query, ct))!.Forgotten);
    }
}
