using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>
/// PostgreSQL restarted while voters keep voting: requests fail fast with a 503 (never a 500, never a hang), the node
/// comes back by itself, and every vote acknowledged with a 201 is in the ledger exactly once and counted once.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Clients = 6;
    private const int VotesBeforeRestart = 60;
    private const int VotesAfterRestart = 60;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Above the ledger's connect and command timeouts (5 s each), far below a hang.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task VotersRetryingThroughARestartLoseNothingAndCountOnce(string mode)
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var host = await TallyTestHost.StartAsync(settings:
        [
            "--Tally:Ledger:Provider=postgres",
            $"--Tally:Ledger:Postgres:ConnectionString={postgres.ConnectionString}",
            "--Tally:Views:Provider=redis",
            $"--Tally:Views:Redis:ConnectionString={SharedRedis.ConnectionString}",
            $"--Tally:Views:Redis:KeyPrefix={SharedRedis.NewKeyPrefix()}",
            // The clients retry sooner than Retry-After asks, so a voter's bucket would refuse them (429): limits have their own tests.
            "--Tally:Limits:Enabled=false",
        ]);
        var id = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var voting = new Voting(host, id);
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => voting.RunAsync(c, stop.Token))).ToArray();
        try
        {
            await voting.WaitForAcknowledgedAsync(VotesBeforeRestart, Patience);
            await postgres.RestartAsync(mode);
            await voting.WaitForAcknowledgedAsync(voting.Acknowledged.Count + VotesAfterRestart, Patience);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Answers: {string.Join(", ", voting.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}; "
            + $"503 codes: {string.Join(", ", voting.Unavailable.Select(c => $"{c.Key} x{c.Value}"))}; slowest {voting.Slowest.TotalMilliseconds:F0} ms");
        Assert.Equal([201, 503], voting.Statuses.Keys.Order());
        Assert.True(voting.Slowest < Fast, $"The slowest answer took {voting.Slowest}.");
        var rows = (await postgres.Ledger.VotesAsync(Guid.Parse(id))).Where(v => !v.IsRetracted).ToDictionary(v => v.VoterId, v => v.VoteId);
        Assert.Equal(voting.Acknowledged.Count, rows.Count);
        foreach (var (voter, receipt) in voting.Acknowledged)
        {
            Assert.Equal(receipt.VoteId, rows[TallyTestHost.VoterIdOf(voter)]);
        }
        var results = await ResultsIncludingAsync(host, id, voting.Acknowledged.Values.Max(r => r.Sequence));
        Assert.Equal(voting.Acknowledged.Count, (long)results["total_votes"]!);
        foreach (var option in results["options"]!.AsArray())
        {
            var optionId = (int)option!["option_id"]!;
            Assert.Equal(voting.Acknowledged.Values.Count(r => r.OptionId == optionId), (long)option["votes"]!);
        }
    }

    /// <summary>The results once the views include <paramref name="sequence"/>: after the restart the projector's leader is elected again first.</summary>
    private static async Task<JsonObject> ResultsIncludingAsync(TallyTestHost host, string pollId, long sequence)
    {
        JsonObject results = null!;
        await Eventually.HoldsAsync(
            async () => (bool)(results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}"), 200))["min_sequence_met"]!,
            Patience, $"The views did not reach sequence {sequence}.");
        return results;
    }
}
