using System.Net.Http.Json;

namespace Tally.Server.Tests.Infrastructure;

public static class VoteRequests
{
    public static Task<HttpResponseMessage> VoteAsync(this HttpClient client, string pollId, int optionId, string? region = "north", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes")
        {
            Content = JsonContent.Create(new { option_id = optionId, region }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }
}
