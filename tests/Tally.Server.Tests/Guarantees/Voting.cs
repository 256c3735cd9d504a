using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>
/// Voters, one after another per client, each voting once with an Idempotency-Key and retrying with it after a 503
/// until acknowledged, as a well-behaved client does.
/// </summary>
public sealed class Voting(TallyTestHost host, string pollId)
{
    private readonly Lock _slowestLock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentDictionary<string, AcknowledgedVote> Acknowledged { get; } = new();

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
                    Acknowledged[voter] = new AcknowledgedVote(Guid.Parse((string)receipt["vote_id"]!), option, (long)receipt["sequence"]!);
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
