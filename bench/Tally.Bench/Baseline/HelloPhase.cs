using System.Net;
using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Tokens;

namespace Tally.Bench.Baseline;

/// <summary>Drives /hello (or /hello-anon) exactly as the vote phase drives Tally: same clients, bodies, headers, duration.</summary>
public static class HelloPhase
{
    public static async Task<PhaseResult> RunAsync(
        Uri baseAddress, bool authenticated, VoteBodies bodies, VoterTokens tokens, BenchOptions options, CancellationToken ct)
    {
        var path = authenticated ? "/hello" : "/hello-anon";
        var errors = new ErrorLog();
        var requests = new RequestCounter();
        var window = LoadWindow.StartingNow(options.Warmup, options.Duration);
        var load = await ClosedLoop.RunAsync(baseAddress, options.Clients, window, async (client, _, token) =>
        {
            // A fresh token per request, as in the vote phase. Anonymous requests carry none at all:
            // the authentication middleware would otherwise still validate it and hide its cost.
            var bearer = authenticated ? tokens.Reusable(requests.Next()) : null;
            using var request = Requests.Create(HttpMethod.Post, path, bearer, bodies.Next());
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            try
            {
                using var response = await client.SendAsync(request, token);
                var body = await response.Content.ReadAsByteArrayAsync(token);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    errors.Record($"HTTP {(int)response.StatusCode}", System.Text.Encoding.UTF8.GetString(body));
                    return Outcome.Failure;
                }
                // Parse the receipt as the vote phase does, so the client side costs the same too.
                if (JsonSerializer.Deserialize(body, BenchJson.Default.VoteReceipt) is not { Sequence: > 0 })
                {
                    errors.Record("malformed 201", System.Text.Encoding.UTF8.GetString(body));
                    return Outcome.Failure;
                }
                return Outcome.Success;
            }
            catch (HttpRequestException e)
            {
                errors.Record(nameof(HttpRequestException), e.Message);
                return Outcome.Failure;
            }
            catch (TaskCanceledException e) when (!token.IsCancellationRequested)
            {
                errors.Record("client timeout", e.Message);
                return Outcome.Failure;
            }
        }, ct);
        return new PhaseResult(load, errors);
    }

    private sealed class RequestCounter
    {
        private long _next = -1;

        public long Next() => Interlocked.Increment(ref _next);
    }
}
