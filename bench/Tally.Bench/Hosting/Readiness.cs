using System.Diagnostics;
using System.Net;

namespace Tally.Bench.Hosting;

/// <summary>Polls GET /health until it answers 200, instead of guessing a start-up delay.</summary>
public static class Readiness
{
    /// <param name="whyDead">Non-null once the server can no longer become ready (e.g. its process exited).</param>
    public static async Task WaitAsync(Uri baseAddress, TimeSpan timeout, Func<string?> whyDead, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var start = Stopwatch.GetTimestamp();
        var lastProblem = "no answer yet";
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            if (whyDead() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastProblem = $"/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                lastProblem = "/health timed out";
            }
            await poll.WaitForNextTickAsync(ct);
        }
        throw new TimeoutException($"{baseAddress} was not ready within {timeout.TotalSeconds:0} s ({lastProblem}).");
    }
}
