using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

public sealed class CrashTests
{
    [Fact]
    public async Task KillingTheServerMidLoadLosesNoAcknowledgedVote()
    {
        using var folder = new TempFolder();
        var key = RandomNumberGenerator.GetBytes(32);
        var acknowledged = new ConcurrentBag<(string VoteId, long Sequence)>();
        string pollId;
        using (var server = await ServerProcess.StartAsync(folder.Path, key, TimeSpan.FromSeconds(60)))
        {
            using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
            var owner = new HttpRequestMessage(HttpMethod.Post, "/v1/polls")
            {
                Content = JsonContent.Create(new { title = "Crash", options = new[] { new { text = "A" }, new { text = "B" } } }),
            };
            owner.Headers.Authorization = new("Bearer", TestTokens.Voter(key, "owner"));
            pollId = (string)(await Expect.JsonAsync(await client.SendAsync(owner), 201))["id"]!;

            // Keep votes flowing, and pull the plug once 300 have been acknowledged while others are in flight.
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource();
            var voters = Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes")
                    {
                        Content = JsonContent.Create(new { option_id = 1 + i % 2 }),
                    };
                    request.Headers.Authorization = new("Bearer", TestTokens.Voter(key, $"w{worker}-{i}"));
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.SendAsync(request, stop.Token);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return; // The server died under this request: it was never acknowledged.
                    }
                    if ((int)response.StatusCode != 201)
                    {
                        continue;
                    }
                    var receipt = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
                    acknowledged.Add(((string)receipt["vote_id"]!, (long)receipt["sequence"]!));
                    if (acknowledged.Count >= 300)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));
            server.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(voters);
        }

        Assert.True(acknowledged.Count >= 300);
        await using var restarted = await TallyTestHost.StartInAsync(folder.Path, key);
        var stored = (await restarted.Ledger.VotesAsync(Guid.Parse(pollId))).Select(v => v.VoteId.ToString()).ToHashSet();
        var missing = acknowledged.Where(a => !stored.Contains(a.VoteId)).ToArray();
        Assert.True(missing.Length == 0, $"{missing.Length} of {acknowledged.Count} acknowledged votes were lost");
        var events = await restarted.Ledger.EventsAsync();
        Assert.All(acknowledged, a => Assert.Single(events,
            e => e.Sequence == a.Sequence && e.Type == "VoteCast" && e.Payload.Contains(a.VoteId, StringComparison.Ordinal)));

        // The views rebuilt from the log count every committed vote once, acknowledged or not.
        var head = await restarted.Ledger.LastSequenceAsync();
        var results = await Expect.JsonAsync(await restarted.Client.GetAsync($"/v1/polls/{pollId}/results?min_sequence={head}"), 200);
        Assert.Equal(stored.Count, (long)results["total_votes"]!);
    }
}
