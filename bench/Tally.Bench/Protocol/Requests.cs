namespace Tally.Bench.Protocol;

/// <summary>Request construction shared by every phase, so all of them send identical headers.</summary>
public static class Requests
{
    public static HttpRequestMessage Create(HttpMethod method, string path, string? bearerToken, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    public static string ResultsPath(string pollId) => $"/v1/polls/{pollId}/results";

    public static string VotesPath(string pollId) => $"/v1/polls/{pollId}/votes";
}
