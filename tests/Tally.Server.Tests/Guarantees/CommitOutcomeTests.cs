using System.Text.Json.Nodes;
using Npgsql;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>
/// The ledger's connection breaks in the middle of a vote (a proxy between the node and PostgreSQL cuts it). Before COMMIT
/// nothing was recorded, and the voter is told so; once COMMIT was sent, nobody knows, and the voter is told that too.
/// Either way a retry with the same Idempotency-Key returns the true answer.
/// </summary>
public sealed class CommitOutcomeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AVoteWhoseCommitGoesUnansweredIsOutcomeUnknownAndItsRetryReturnsTheVoteThatWasRecorded()
    {
        await using var servers = SharedServers.Create();
        await using var proxy = CuttingProxy.Start(new NpgsqlConnectionStringBuilder(servers.LedgerConnectionString).Port);
        await using var host = await TallyTestHost.StartOnAsync(servers, settings: Through(proxy, servers));
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("voter-1");

        // The COMMIT statement itself (null-terminated in the protocol), not the READ COMMITTED of the BEGIN before it,
        // and the vote's own: the connection that inserted the vote row.
        var cut = proxy.CutAfter("COMMIT\0", onLinkThatSent: "INSERT INTO vote_records");
        var first = await voter.VoteAsync(id, 2, key: "vote-1");

        var problem = await Expect.ProblemAsync(first, 503, "OUTCOME_UNKNOWN");
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.Contains("same Idempotency-Key", (string)problem["detail"]!);
        // PostgreSQL did answer the COMMIT the voter never heard about: the vote is in.
        await cut.WaitAsync(Patience);
        var retry = await Expect.JsonAsync(await voter.VoteAsync(id, 2, key: "vote-1"), 201);
        var again = await Expect.JsonAsync(await voter.VoteAsync(id, 2, key: "vote-1"), 201);
        Assert.Equal((string)retry["vote_id"]!, (string)again["vote_id"]!);
        Assert.Equal([(string)retry["vote_id"]!], await VoteIdsAsync(host, id));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await host.Ledger.LiveVotesByOptionAsync(Guid.Parse(id)));
        var results = await ResultsAsync(host, id, (long)retry["sequence"]!);
        Assert.Equal(1, (long)results["total_votes"]!);
        Assert.Equal([0L, 1, 0], results["options"]!.AsArray().Select(o => (long)o!["votes"]!));
    }

    [Fact]
    public async Task AVoteWhoseConnectionBreaksBeforeCommitRecordedNothingAndSaysSo()
    {
        await using var servers = SharedServers.Create();
        await using var proxy = CuttingProxy.Start(new NpgsqlConnectionStringBuilder(servers.LedgerConnectionString).Port);
        await using var host = await TallyTestHost.StartOnAsync(servers, settings: Through(proxy, servers));
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voter = host.Voter("voter-1");

        var cut = proxy.CutAfter("INSERT INTO vote_records");
        var first = await voter.VoteAsync(id, 1, key: "vote-1");

        var problem = await Expect.ProblemAsync(first, 503, "SERVICE_UNAVAILABLE");
        Assert.NotNull(first.Headers.RetryAfter);
        Assert.Contains("Nothing was recorded", (string)problem["detail"]!);
        await cut.WaitAsync(Patience);
        Assert.Empty(await VoteIdsAsync(host, id));
        var retry = await Expect.JsonAsync(await voter.VoteAsync(id, 1, key: "vote-1"), 201);
        Assert.Equal([(string)retry["vote_id"]!], await VoteIdsAsync(host, id));
        Assert.Equal(1, (long)(await ResultsAsync(host, id, (long)retry["sequence"]!))["total_votes"]!);
    }

    /// <summary>The ledger's connection string through the proxy (a later setting wins over the servers' own).</summary>
    private static string Through(CuttingProxy proxy, SharedServers servers) =>
        "--Tally:Ledger:Postgres:ConnectionString="
        + new NpgsqlConnectionStringBuilder(servers.LedgerConnectionString) { Port = proxy.Port }.ConnectionString;

    private static async Task<HashSet<string>> VoteIdsAsync(TallyTestHost host, string pollId) =>
        (await host.Ledger.VotesAsync(Guid.Parse(pollId))).Select(v => v.VoteId.ToString()).ToHashSet();

    private static async Task<JsonObject> ResultsAsync(TallyTestHost host, string pollId, long sequence)
    {
        var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}"), 200);
        Assert.True((bool)results["min_sequence_met"]!);
        return results;
    }
}
