namespace Tally.Server.Tests.Infrastructure;

public static class RateLimited
{
    /// <summary>A refusal by a limit: 429 problem+json RATE_LIMITED with a Retry-After; returns the wait it asks for.</summary>
    public static async Task<TimeSpan> ExpectAsync(HttpResponseMessage response)
    {
        await Expect.ProblemAsync(response, 429, "RATE_LIMITED");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After is '{response.Headers.RetryAfter}'");
        return retryAfter!.Value;
    }

    /// <summary>Sends until the answer is not a 429, each time waiting what the refusal asked for; fails after <paramref name="timeout"/>.</summary>
    public static async Task<HttpResponseMessage> UntilServedAsync(Func<Task<HttpResponseMessage>> send, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await send();
            if ((int)response.StatusCode != 429)
            {
                return response;
            }
            Assert.True(DateTime.UtcNow < deadline, $"still refused after {timeout}");
            await Task.Delay(await ExpectAsync(response));
        }
    }
}
