using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Operations;

/// <summary>An embedded node restarted on its snapshot answers as a full replay would; a damaged snapshot means a full replay.</summary>
public sealed class SnapshotRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARestartLoadsTheSnapshotAndADamagedOneIsReplacedByAFullReplayThatGivesTheSameViews()
    {
        using var folder = new TempFolder();
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var snapshot = Path.Combine(folder.Path, "views.snapshot");
        string pollId;
        string generation;
        (long[] Options, Dictionary<string, long[]> Regions) before;
        await using (var first = await StartAsync(folder.Path, key))
        {
            pollId = (string)(await first.CreatePollAsync(first.Voter("root")))["id"]!;
            await new VoteStream(first, pollId, 300, concurrency: 8).RunAsync(Ct);
            using var retracting = first.Voter($"stream-{pollId[..8]}-7");
            await Expect.StatusAsync(await retracting.DeleteAsync($"/v1/polls/{pollId}/votes/me", Ct), 200);
            await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(first, pollId), Patience, "the views hold every vote", Ct);
            before = await VoteStream.ViewCountsAsync(first, pollId);
            generation = await GenerationAsync(first);
        }
        Assert.True(File.Exists(snapshot), "stopping wrote a snapshot");

        await using (var restarted = await StartAsync(folder.Path, key))
        {
            // The same generation: the views came from the snapshot, not from a replay that starts a new one.
            Assert.Equal(generation, await GenerationAsync(restarted));
            AssertSame(before, await VoteStream.ViewCountsAsync(restarted, pollId));
            await VoteAsync(restarted, pollId, "after-restart");
            await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(restarted, pollId), Patience, "the tail is applied on top", Ct);
            before = await VoteStream.ViewCountsAsync(restarted, pollId);
        }

        var bytes = await File.ReadAllBytesAsync(snapshot, Ct);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(snapshot, bytes, Ct);
        await using var replayed = await StartAsync(folder.Path, key);
        await Eventually.HoldsAsync(() => VoteStream.ViewsEqualLedgerAsync(replayed, pollId), Patience, "the full replay equals the ledger", Ct);
        AssertSame(before, await VoteStream.ViewCountsAsync(replayed, pollId));
        Assert.NotEqual(generation, await GenerationAsync(replayed));
    }

    private static void AssertSame((long[] Options, Dictionary<string, long[]> Regions) expected, (long[] Options, Dictionary<string, long[]> Regions) actual)
    {
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.Regions.Keys.Order(), actual.Regions.Keys.Order());
        Assert.All(expected.Regions, r => Assert.Equal(r.Value, actual.Regions[r.Key]));
    }

    private static async Task VoteAsync(TallyTestHost host, string pollId, string subject)
    {
        using var voter = host.Voter(subject);
        await Expect.StatusAsync(await voter.VoteAsync(pollId, 2, "south"), 201);
    }

    private static async Task<string> GenerationAsync(TallyTestHost host)
    {
        using var root = host.Voter("root");
        return (string)(await Expect.JsonAsync(await root.GetAsync("/v1/admin/projections", Ct), 200))["stamp"]!["generation"]!;
    }

    private static Task<TallyTestHost> StartAsync(string folder, byte[] key) => TallyTestHost.StartInAsync(folder, key,
        $"--Tally:Auth:Admins:0:Issuer={TallyTestHost.ExternalIssuer}", "--Tally:Auth:Admins:0:Subject=root");
}
