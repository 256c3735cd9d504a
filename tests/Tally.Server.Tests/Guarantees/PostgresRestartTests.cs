using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
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
        var redis = Environment.GetEnvironmentVariable("TALLY_TEST_REDIS")
            ?? throw new InvalidOperationException("TALLY_TEST_REDIS is not set: run via scripts/test.sh.");
        await using var host = await TallyTestHost.StartAsync(settings:
        [
            "--Tally:Ledger:Provider=postgres",
            $"--Tally:Ledger:Postgres:ConnectionString={postgres.ConnectionString}",
            "--Tally:Views:Provider=redis",
            $"--Tally:Views:Redis:ConnectionString={redis}",
            $"--Tally:Views:Redis:KeyPrefix=t{Guid.NewGuid():N}",
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
        var rows = await LiveVotesAsync(postgres, Guid.Parse(id));
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
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={sequence}"), 200);
            if ((bool)results["min_sequence_met"]! || DateTime.UtcNow > deadline)
            {
                Assert.True((bool)results["min_sequence_met"]!, $"The views did not reach sequence {sequence}.");
                return results;
            }
        }
    }

    /// <summary>Live votes of the poll by voter, read straight from the ledger.</summary>
    private static async Task<Dictionary<string, Guid>> LiveVotesAsync(PrivatePostgres postgres, Guid pollId)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT voter_id, vote_id FROM vote_records WHERE poll_id = $1 AND NOT is_retracted", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = pollId });
        var votes = new Dictionary<string, Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            votes.Add(reader.GetString(0), reader.GetGuid(1));
        }
        return votes;
    }

    private sealed record Receipt(Guid VoteId, int OptionId, long Sequence);

    /// <summary>
    /// Voters, one after another per client, each voting once with an Idempotency-Key and retrying with it after a 503
    /// until acknowledged, as a well-behaved client does.
    /// </summary>
    private sealed class Voting(TallyTestHost host, string pollId)
    {
        private readonly Lock _slowestLock = new();
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentDictionary<string, Receipt> Acknowledged { get; } = new();

        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        /// <summary>The codes of the 503s: SERVICE_UNAVAILABLE before a commit, OUTCOME_UNKNOWN during one.</summary>
        public ConcurrentDictionary<string, int> Unavailable { get; } = new();

        public TimeSpan Slowest { get; private set; }

        public async Task RunAsync(int client, CancellationToken stop)
        {
            using var http = host.NewClient();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var voter = $"client-{client}-voter-{n}";
                var option = 1 + (client + n) % 3;
                // Once begun, a voter is followed through to the answer: a vote left in doubt would prove nothing.
                while (true)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes")
                    {
                        Content = JsonContent.Create(new { option_id = option, region = "north" }),
                    };
                    request.Headers.Authorization = new("Bearer", host.MintToken(voter));
                    request.Headers.Add("Idempotency-Key", $"key-{voter}");
                    var watch = Stopwatch.StartNew();
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    Observe(watch.Elapsed, (int)response.StatusCode);
                    if ((int)response.StatusCode == 201)
                    {
                        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                        Acknowledged[voter] = new Receipt(Guid.Parse((string)receipt["vote_id"]!), option, (long)receipt["sequence"]!);
                        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                        break;
                    }
                    if ((int)response.StatusCode != 503 || response.Headers.RetryAfter is null)
                    {
                        // Recorded in Statuses; the test fails on it after the clients stop.
                        return;
                    }
                    var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    Unavailable.AddOrUpdate((string)problem["code"]!, 1, (_, n) => n + 1);
                    await Task.Delay(50, CancellationToken.None); // a short back-off before the retry, shorter than Retry-After to keep the test brisk
                }
            }
        }

        public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var progress = Volatile.Read(ref _progress).Task;
                if (Acknowledged.Count >= count)
                {
                    return;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || Statuses.Keys.Any(s => s is not (201 or 503)))
                {
                    Assert.Fail($"{Acknowledged.Count} of {count} votes acknowledged; answers so far: "
                        + string.Join(", ", Statuses.Select(s => $"{s.Key} x{s.Value}")));
                }
                await progress.WaitAsync(left).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        private void Observe(TimeSpan elapsed, int status)
        {
            Statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            lock (_slowestLock)
            {
                if (elapsed > Slowest)
                {
                    Slowest = elapsed;
                }
            }
        }
    }
}
