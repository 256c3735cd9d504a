using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// The memory views written to a snapshot and loaded by a fresh node answer as a full replay does, and go on from the
/// snapshot's checkpoint; a damaged, cut or foreign file is never loaded, only logged, and the views start empty.
/// </summary>
public sealed class MemorySnapshotTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly ScriptedVoting _voting = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SnapshotPath => Path.Combine(_data.Path, ViewsRegistration.MemorySnapshotFileName);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AFreshNodeLoadingTheSnapshotAnswersAsAFullReplayAndGoesOnFromIt()
    {
        var events = _voting.Play();
        var cut = events.Count * 2 / 3;
        var node = new MemoryViewSet();
        var stamp = Stamp(node, everyEvents: 1);
        var generation = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");
        await stamp.StartAsync(generation, Ct);
        await node.ApplyAsync(events.Take(cut));
        var recorded = generation with { Checkpoint = events[cut - 1].Sequence, CheckpointHash = "hash-at-cut" };
        await stamp.RecordAsync(recorded, Ct);
        // The daemon goes on while the snapshot is written: what it applies now is not in the snapshot.
        await node.ApplyAsync(events.Skip(cut));
        await stamp.SnapshotWritten;

        var restarted = new MemoryViewSet();
        var restartedStamp = Stamp(restarted, everyEvents: 1);
        await ((IHostedService)restartedStamp).StartAsync(Ct);

        Assert.Equal(recorded, await restartedStamp.ReadAsync(Ct));
        Assert.All(restarted.All, view => Assert.Equal(recorded.Checkpoint, view.Checkpoint));
        var replayed = new MemoryViewSet();
        await replayed.ApplyAsync(events.Take(cut));
        Assert.Equal(await replayed.AnswersAsync(_voting.Polls, _voting.Voters), await restarted.AnswersAsync(_voting.Polls, _voting.Voters));

        await restarted.ApplyAsync(events);
        Assert.Equal(await node.AnswersAsync(_voting.Polls, _voting.Voters), await restarted.AnswersAsync(_voting.Polls, _voting.Voters));
    }

    [Fact]
    public async Task AtShutdownTheViewsAreWrittenAtTheirLastStamp()
    {
        var events = _voting.Play();
        var node = new MemoryViewSet();
        var stamp = Stamp(node, everyEvents: 1_000_000);
        var generation = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");
        await stamp.StartAsync(generation, Ct);
        await node.ApplyAsync(events);
        var last = generation with { Checkpoint = events[^1].Sequence, CheckpointHash = "last" };
        await stamp.RecordAsync(last, Ct);
        Assert.False(File.Exists(SnapshotPath));

        await ((IHostedService)stamp).StopAsync(Ct);

        var restarted = new MemoryViewSet();
        var restartedStamp = Stamp(restarted, everyEvents: 1_000_000);
        await ((IHostedService)restartedStamp).StartAsync(Ct);
        Assert.Equal(last, await restartedStamp.ReadAsync(Ct));
        Assert.Equal(await node.AnswersAsync(_voting.Polls, _voting.Voters), await restarted.AnswersAsync(_voting.Polls, _voting.Voters));
        // The amendment and the admin retractions came through the file, not only an empty view on either side.
        Assert.Equal(EventScript.Start.AddMinutes(6), (await restarted.Results.GetAsync(_voting.Polls[2].Id, Ct))!.AmendedAt);
        var retracted = await restarted.Voters.GetAsync(_voting.Polls[0].Id, _voting.Voters[11], Ct);
        Assert.Equal((EventScript.Start.AddMinutes(3), "bot farm"), (retracted!.RetractedAt, retracted.RetractionReason));
        Assert.Null((await restarted.Voters.GetAsync(_voting.Polls[0].Id, _voting.Voters[5], Ct))!.RetractedAt);
    }

    [Fact]
    public async Task ARecordOfAnotherGenerationIsRefused()
    {
        var stamp = Stamp(new MemoryViewSet(), everyEvents: 1);
        await stamp.StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), Ct);

        await Assert.ThrowsAsync<ViewsLostException>(() => stamp.RecordAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 5, "x"), Ct).AsTask());
    }

    public static TheoryData<string> Damages => ["flipped byte", "truncated", "foreign", "empty"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task ADamagedSnapshotIsLoggedAndTheViewsStartEmpty(string damage)
    {
        await WriteSnapshotAsync();
        var bytes = await File.ReadAllBytesAsync(SnapshotPath, Ct);
        bytes = damage switch
        {
            "flipped byte" => Flip(bytes, bytes.Length / 2),
            "truncated" => bytes[..(bytes.Length - 100)],
            "foreign" => "{\"views\": []}"u8.ToArray(),
            _ => [],
        };
        await File.WriteAllBytesAsync(SnapshotPath, bytes, Ct);

        var restarted = new MemoryViewSet();
        var logger = new RecordingLogger<MemoryViewsStamp>();
        var stamp = Stamp(restarted, everyEvents: 1, logger);
        await ((IHostedService)stamp).StartAsync(Ct);

        Assert.Null(await stamp.ReadAsync(Ct));
        Assert.All(restarted.All, view => Assert.Equal(0, view.Checkpoint));
        Assert.Equal(await new MemoryViewSet().AnswersAsync(_voting.Polls, _voting.Voters), await restarted.AnswersAsync(_voting.Polls, _voting.Voters));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Warning, 2101), (warning.Level, warning.Id.Id));
    }

    [Fact]
    public async Task EveryByteOfTheSnapshotIsChecked()
    {
        await WriteSnapshotAsync();
        var bytes = await File.ReadAllBytesAsync(SnapshotPath, Ct);
        for (var at = 0; at < bytes.Length; at += 97)
        {
            await File.WriteAllBytesAsync(SnapshotPath, Flip(bytes, at), Ct);
            var restarted = new MemoryViewSet();
            var stamp = Stamp(restarted, everyEvents: 1);
            await ((IHostedService)stamp).StartAsync(Ct);
            Assert.True(await stamp.ReadAsync(Ct) is null, $"A snapshot with byte {at} of {bytes.Length} flipped was loaded.");
        }
    }

    [Fact]
    public async Task ForgettingTheViewsDeletesTheirSnapshot()
    {
        var node = await WriteSnapshotAsync();
        Assert.True(File.Exists(SnapshotPath));

        await Stamp(node, everyEvents: 1).StartAsync(new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, ""), Ct);

        Assert.False(File.Exists(SnapshotPath));
    }

    private async Task<MemoryViewSet> WriteSnapshotAsync()
    {
        var events = _voting.Play();
        var node = new MemoryViewSet();
        var stamp = Stamp(node, everyEvents: 1);
        var generation = new ViewsStamp(Guid.NewGuid(), Guid.NewGuid(), 0, "");
        await stamp.StartAsync(generation, Ct);
        await node.ApplyAsync(events);
        await stamp.RecordAsync(generation with { Checkpoint = events[^1].Sequence, CheckpointHash = "h" }, Ct);
        await stamp.SnapshotWritten;
        return node;
    }

    private MemoryViewsStamp Stamp(MemoryViewSet views, long everyEvents, ILogger<MemoryViewsStamp>? logger = null) =>
        new(views.All, new MemorySnapshotOptions { EveryEvents = everyEvents }, new MemorySnapshotFile(SnapshotPath),
            logger ?? new RecordingLogger<MemoryViewsStamp>());

    private static byte[] Flip(byte[] bytes, int at)
    {
        var flipped = bytes.ToArray();
        flipped[at] ^= 0x5A;
        return flipped;
    }
}
