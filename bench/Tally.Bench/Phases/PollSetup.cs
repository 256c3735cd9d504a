using System.Net;
using System.Text.Json;
using Tally.Bench.Protocol;

namespace Tally.Bench.Phases;

public static class PollSetup
{
    public static async Task<CreatedPoll> CreateAsync(HttpClient client, string ownerToken, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(BenchPoll.Request, BenchJson.Default.CreatePollRequest);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = Requests.Create(HttpMethod.Post, "/v1/polls", ownerToken, content);
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /v1/polls answered {(int)response.StatusCode} instead of 201: {text}");
        }
        var poll = JsonSerializer.Deserialize(text, BenchJson.Default.CreatedPoll);
        if (poll is null || string.IsNullOrEmpty(poll.Id) || poll.Options is not { Count: 4 })
        {
            throw new InvalidOperationException($"POST /v1/polls answered 201 without an id and four options: {text}");
        }
        return poll;
    }
}
