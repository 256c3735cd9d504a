using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Fraud;

public sealed class ExportTests
{
    private const int Voters = 30;
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnExportRecountsToThePublishedResultsMarksRetractedVotesAndCarriesTheChecksumOfItsLines(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        var root = host.Voter("root");
        var pollId = (string)(await host.CreatePollAsync(root))["id"]!;
        var votes = new List<JsonObject>();
        for (var i = 0; i < Voters; i++)
        {
            var agent = i == 7 ? Formula : FraudDesk.UserAgents[i % FraudDesk.UserAgents.Length];
            votes.Add(await Expect.JsonAsync(await host.VoteFromAsync(host.Client, pollId, $"voter-{i}", i % 3 + 1, FraudDesk.OrdinaryAddress(i), agent), 201));
        }
        await Expect.StatusAsync(await host.Voter("voter-0").DeleteAsync($"/v1/polls/{pollId}/votes/me", FraudDesk.Ct), 200);
        var adminRetracted = votes.Skip(10).Take(4).Select(v => (string)v["vote_id"]!).ToArray();
        var retraction = await Expect.JsonAsync(await root.PostJsonAsync($"/v1/admin/polls/{pollId}/retractions", new { vote_ids = adminRetracted, reason = "Sold, not cast" }), 200);
        var published = await host.ResultsAsync(pollId, (long)retraction["last_sequence"]!);

        using var ndjson = await root.GetAsync($"/v1/admin/polls/{pollId}/export", FraudDesk.Ct);
        await Expect.StatusAsync(ndjson, 200);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var (lines, summary) = Checked(await ndjson.Content.ReadAsByteArrayAsync(FraudDesk.Ct), line => JsonNode.Parse(line)!["summary"]!);
        var records = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal("poll", (string?)records[0]["type"]);
        Assert.Equal(pollId, (string?)records[0]["poll"]!["id"]);
        var exported = records.Where(r => (string?)r["type"] == "vote").Select(r => r["vote"]!).ToList();
        Assert.Equal(Voters, exported.Count);
        Assert.Equal(votes.Select(v => (string)v["vote_id"]!).Order(), exported.Select(v => (string)v!["vote_id"]!).Order());
        Assert.Equal(published, LivePerOption(exported.Where(v => !(bool)v!["retracted"]!).Select(v => (int)v!["option_id"]!)));
        foreach (var id in adminRetracted)
        {
            var vote = exported.Single(v => (string?)v!["vote_id"] == id)!;
            Assert.True((bool)vote["retracted"]!);
            Assert.Equal(TallyTestHost.VoterIdOf("root"), (string?)vote["retracted_by"]);
            Assert.Equal("Sold, not cast", (string?)vote["retraction_reason"]);
        }
        var own = exported.Single(v => (string?)v!["vote_id"] == (string?)votes[0]["vote_id"])!;
        Assert.True((bool)own["retracted"]!);
        Assert.Null((string?)own["retracted_by"]);
        Assert.Equal(TallyTestHost.VoterIdOf("voter-5"), (string?)exported.Single(v => (string?)v!["vote_id"] == (string?)votes[5]["vote_id"])!["voter_id"]);
        Assert.Equal(FraudDesk.OrdinaryAddress(5), (string?)exported.Single(v => (string?)v!["vote_id"] == (string?)votes[5]["vote_id"])!["ip_address"]);
        Assert.Equal(exported.Select(v => (long)v!["sequence"]!).Order(), exported.Select(v => (long)v!["sequence"]!));
        var audit = records.Where(r => (string?)r["type"] == "audit").Select(r => r["audit"]!).ToList();
        Assert.Equal(adminRetracted.Order(), audit.Where(a => (string?)a!["action"] == "vote_retracted" && (string?)a["actor"] == TallyTestHost.VoterIdOf("root"))
            .Select(a => (string)a!["vote_id"]!).Order());
        Assert.Equal(Voters, (long)summary["votes"]!);
        Assert.Equal(5, (long)summary["retracted"]!);
        Assert.Equal(Voters - 5, (long)summary["live"]!);
        Assert.Equal(published, summary["live_per_option"]!.AsArray().Select(o => (long)o!["votes"]!));

        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/polls/{pollId}/export");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await root.SendAsync(csvRequest, FraudDesk.Ct);
        await Expect.StatusAsync(csv, 200);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var (rows, csvSummary) = Checked(await csv.Content.ReadAsByteArrayAsync(FraudDesk.Ct), line => JsonNode.Parse(Csv.Parse(line)[0][^1])!);
        var table = Csv.Parse(string.Join("", rows.Select(r => r + "\n")));
        Assert.Equal("kind,sequence,vote_id,voter_id,option_id,region,cast_at,ip_address,user_agent,retracted,retracted_at,retracted_by,reason,detail", string.Join(",", table[0]));
        Assert.All(table, row => Assert.Equal(14, row.Length));
        var csvVotes = table.Where(r => r[0] == "vote").ToList();
        Assert.Equal(Voters, csvVotes.Count);
        Assert.Equal(5, csvVotes.Count(r => r[9] == "true"));
        Assert.Equal(published, LivePerOption(csvVotes.Where(r => r[9] == "false").Select(r => int.Parse(r[4]))));
        Assert.Equal("'" + Formula, csvVotes.Single(r => r[2] == (string?)votes[7]["vote_id"])[8]);
        Assert.Equal(Voters - 5, (long)csvSummary["live"]!);
        Assert.Equal(pollId, (string?)JsonNode.Parse(table.Single(r => r[0] == "poll")[13])!["id"]);
    }

    [Theory, ClassData(typeof(BothStacks))]
    public async Task AnExportOfAnUnknownPollIsNotFound(Stack stack)
    {
        await using var host = await FraudDesk.StartAsync(stack);
        await Expect.ProblemAsync(await host.Voter("root").GetAsync($"/v1/admin/polls/{Guid.NewGuid()}/export", FraudDesk.Ct), 404, "POLL_NOT_FOUND");
    }

    /// <summary>
    /// The lines before the last, and the last line's summary (read by <paramref name="summaryOf"/>), once its checksum is
    /// found equal to a SHA-256 of every byte before that line.
    /// </summary>
    private static (List<string> Lines, JsonNode Summary) Checked(byte[] body, Func<string, JsonNode> summaryOf)
    {
        Assert.Equal((byte)'\n', body[^1]);
        var lastStart = Array.LastIndexOf(body, (byte)'\n', body.Length - 2) + 1;
        var summary = summaryOf(Encoding.UTF8.GetString(body, lastStart, body.Length - lastStart - 1));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body.AsSpan(0, lastStart))), (string?)summary["sha256"]);
        var before = Encoding.UTF8.GetString(body, 0, lastStart);
        return ([.. before.Split('\n', StringSplitOptions.RemoveEmptyEntries)], summary);
    }

    private static long[] LivePerOption(IEnumerable<int> options)
    {
        var counts = new long[3];
        foreach (var option in options)
        {
            counts[option - 1]++;
        }
        return counts;
    }
}
