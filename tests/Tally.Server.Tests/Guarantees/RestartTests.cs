using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

public sealed class RestartTests
{
    [Fact]
    public async Task ARestartOnTheSameDataFolderKeepsEveryVoteAndRebuildsEqualViews()
    {
        using var folder = new TempFolder();
        string id;
        byte[] key;
        Dictionary<string, string> before;
        Dictionary<string, long> ledgerBefore;
        await using (var first = await TallyTestHost.StartInAsync(folder.Path))
        {
            key = first.ExternalKey;
            id = (string)(await first.CreatePollAsync(first.Voter("owner")))["id"]!;
            long last = 0;
            for (var i = 0; i < 60; i++)
            {
                last = (long)(await Expect.JsonAsync(await first.Voter($"v{i}").VoteAsync(id, 1 + i % 3, i % 2 == 0 ? "north" : "south"), 201))["sequence"]!;
            }
            last = (long)(await Expect.JsonAsync(await first.Voter("v0").DeleteAsync($"/v1/polls/{id}/votes/me"), 200))["sequence"]!;
            await Expect.JsonAsync(await first.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={last}"), 200);
            before = await SnapshotAsync(first, id);
            ledgerBefore = await first.Ledger.CountsAsync();
        }

        await using var second = await TallyTestHost.StartInAsync(folder.Path, key);
        Assert.Equal(ledgerBefore, await second.Ledger.CountsAsync());
        var head = await second.Ledger.LastSequenceAsync();
        await Expect.JsonAsync(await second.Client.GetAsync($"/v1/polls/{id}/results?min_sequence={head}"), 200);
        Assert.Equal(before, await SnapshotAsync(second, id));

        // New writes continue the same log after the old sequences.
        var next = await Expect.JsonAsync(await second.Voter("newcomer").VoteAsync(id, 2), 201);
        Assert.Equal(head + 1, (long)next["sequence"]!);
    }

    /// <summary>Every view of the poll, minus fields that depend on the clock.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(TallyTestHost host, string id)
    {
        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results"), 200);
        results.Remove("as_of");
        var heatmap = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/heatmap"), 200);
        var delta = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/delta?since=1h"), 200);
        delta.Remove("from");
        delta.Remove("to");
        var poll = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}"), 200);
        var list = await Expect.JsonAsync(await host.Client.GetAsync("/v1/polls"), 200);
        var snapshot = new Dictionary<string, string>
        {
            ["results"] = results.ToJsonString(),
            ["heatmap"] = heatmap.ToJsonString(),
            ["delta"] = delta.ToJsonString(),
            ["poll"] = poll.ToJsonString(),
            ["list"] = list.ToJsonString(),
        };
        foreach (var voter in new[] { "v0", "v1", "v2", "v59" })
        {
            var mine = await Expect.JsonAsync(await host.Voter(voter).GetAsync($"/v1/polls/{id}/votes/me"), 200);
            snapshot[$"me:{voter}"] = mine.ToJsonString();
        }
        return snapshot;
    }
}
