using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>
/// The embedded ledger's file held by another process (here: a write lock taken from outside): writes answer 503 within
/// the busy timeout, say nothing was recorded, and go through once the file is free again.
/// </summary>
public sealed class SqliteOutageTests
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Far above the busy timeout, far below a hang.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WritesToALockedLedgerAnswer503FastAndRecordNothingUntilItIsFree()
    {
        await using var host = await TallyTestHost.StartAsync(settings: $"--Tally:Ledger:Sqlite:BusyTimeout={BusyTimeout}");
        var owner = host.Voter("owner");
        var voter = host.Voter("voter-1");
        var id = (string)(await host.CreatePollAsync(owner))["id"]!;
        await Expect.JsonAsync(await voter.VoteAsync(id, 1, key: "first"), 201);

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "ledger.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            await ExpectUnavailableAsync(() => host.Voter("voter-2").VoteAsync(id, 2, key: "second"), "same Idempotency-Key");
            await ExpectUnavailableAsync(() => voter.DeleteAsync($"/v1/polls/{id}/votes/me"), "safe to retry");
            await ExpectUnavailableAsync(() => owner.PostAsync($"/v1/polls/{id}/close", null), "safe to retry");
            await ExpectUnavailableAsync(() => owner.PostAsJsonAsync("/v1/polls", new
            {
                title = "While locked",
                options = new[] { new { text = "A" }, new { text = "B" } },
            }), "safe to retry");
            // Reads come from the views, which do not need the file.
            var results = await Expect.JsonAsync(await host.Client.GetAsync($"/v1/polls/{id}/results"), 200);
            Assert.Equal(1, (long)results["total_votes"]!);
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await host.Ledger.CountRowsAsync("vote_records"));
        Assert.Equal(1, await host.Ledger.CountRowsAsync("polls"));
        await Expect.JsonAsync(await host.Voter("voter-2").VoteAsync(id, 2, key: "second"), 201);
        await Expect.JsonAsync(await voter.DeleteAsync($"/v1/polls/{id}/votes/me"), 200);
        Assert.Single(await host.Ledger.VotesAsync(), v => !v.IsRetracted);
    }

    private static async Task ExpectUnavailableAsync(Func<Task<HttpResponseMessage>> send, string advice)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        watch.Stop();
        var problem = await Expect.ProblemAsync(response, 503, "SERVICE_UNAVAILABLE");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Nothing was recorded", (string)problem["detail"]!);
        Assert.Contains(advice, (string)problem["detail"]!);
        Assert.True(watch.Elapsed < Fast, $"The 503 took {watch.Elapsed}.");
        TestContext.Current.TestOutputHelper?.WriteLine($"503 after {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
