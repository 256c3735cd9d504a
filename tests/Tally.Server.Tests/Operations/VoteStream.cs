using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Operations;

/// <summary>
/// Votes from many voters at once through the API, counting what was acknowledged, so readers running beside it can
/// hold every answer against what the ledger had already promised.
/// </summary>
internal sealed class VoteStream(TallyTestHost host, string pollId, int voters, int concurrency)
{
    private static readonly string[] Regions = ["north", "south"];
    private long _acknowledged;
    private long _highestSequence;

    /// <summary>Votes acknowledged so far (201).</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>The highest sequence among acknowledged votes.</summary>
    public long HighestSequence => Interlocked.Read(ref _highestSequence);

    public Task RunAsync(CancellationToken ct) => Parallel.ForEachAsync(
        Enumerable.Range(0, voters),
        new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
        async (i, _) =>
        {
            using var voter = host.Voter($"stream-{pollId[..8]}-{i}");
            var vote = await Expect.JsonAsync(await voter.VoteAsync(pollId, i % 3 + 1, Regions[i % Regions.Length]), 201);
            var sequence = (long)vote["sequence"]!;
            long seen;
            while ((seen = Interlocked.Read(ref _highestSequence)) < sequence
                && Interlocked.CompareExchange(ref _highestSequence, sequence, seen) != seen)
            {
            }
            Interlocked.Increment(ref _acknowledged);
        });

    /// <summary>Live votes per option (1..3) and per region and option, as the ledger's rows say.</summary>
    public static async Task<(long[] Options, Dictionary<string, long[]> Regions)> LedgerCountsAsync(TallyTestHost host, string pollId)
    {
        var live = (await host.Ledger.VotesAsync(Guid.Parse(pollId))).Where(v => !v.IsRetracted).ToList();
        var options = Enumerable.Range(1, 3).Select(o => (long)live.Count(v => v.OptionId == o)).ToArray();
        var regions = Regions.ToDictionary(r => r, r => Enumerable.Range(1, 3).Select(o => (long)live.Count(v => v.OptionId == o && v.Region == r)).ToArray());
        return (options, regions);
    }

    /// <summary>The results and heatmap views as the API serves them, in the shape of <see cref="LedgerCountsAsync"/>.</summary>
    public static async Task<(long[] Options, Dictionary<string, long[]> Regions)> ViewCountsAsync(TallyTestHost host, string pollId) =>
        CountsOf(await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results"), 200),
            await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/heatmap"), 200));

    /// <summary>
    /// True when the views served equal the ledger's rows, cell by cell; false while they refuse to answer (being rebuilt),
    /// which may start between any two of these reads.
    /// </summary>
    public static async Task<bool> ViewsEqualLedgerAsync(TallyTestHost host, string pollId)
    {
        using var results = await host.Client.GetAsync($"/v1/polls/{pollId}/results");
        using var heatmap = await host.Client.GetAsync($"/v1/polls/{pollId}/heatmap");
        if (results.StatusCode != System.Net.HttpStatusCode.OK || heatmap.StatusCode != System.Net.HttpStatusCode.OK)
        {
            return false;
        }
        var ledger = await LedgerCountsAsync(host, pollId);
        var views = CountsOf(await Expect.JsonAsync(results, 200), await Expect.JsonAsync(heatmap, 200));
        return ledger.Options.SequenceEqual(views.Options) && ledger.Regions.All(r => r.Value.SequenceEqual(views.Regions[r.Key]));
    }

    private static (long[] Options, Dictionary<string, long[]> Regions) CountsOf(JsonObject results, JsonObject heatmap)
    {
        var options = results["options"]!.AsArray().OrderBy(o => (int)o!["option_id"]!).Select(o => (long)o!["votes"]!).ToArray();
        var regions = Regions.ToDictionary(r => r, r =>
        {
            var region = heatmap["regions"]!.AsArray().FirstOrDefault(x => (string?)x!["region"] == r);
            return Enumerable.Range(1, 3).Select(o =>
                region?["options"]!.AsArray().Where(x => (int)x!["option_id"]! == o).Select(x => (long)x!["votes"]!).FirstOrDefault() ?? 0).ToArray();
        });
        return (options, regions);
    }

    public static JsonObject Describe((long[] Options, Dictionary<string, long[]> Regions) counts) => new()
    {
        ["options"] = new JsonArray(counts.Options.Select(v => (JsonNode)v).ToArray()),
        ["regions"] = new JsonObject(counts.Regions.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonArray(r.Value.Select(v => (JsonNode)v).ToArray())))),
    };
}
