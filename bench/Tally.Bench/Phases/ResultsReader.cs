using System.Net;
using System.Text.Json;
using Tally.Bench.Load;
using Tally.Bench.Protocol;

namespace Tally.Bench.Phases;

/// <summary>GET /v1/polls/{id}/results, optionally held by the server until it has applied a given sequence.</summary>
public sealed class ResultsReader(string pollId)
{
    private readonly string _path = Requests.ResultsPath(pollId);

    public ErrorLog Errors { get; } = new();

    /// <returns>The parsed results, or null after recording why there are none.</returns>
    public async Task<PollResults?> ReadAsync(HttpClient client, string token, long? minSequence, CancellationToken ct)
    {
        var path = minSequence is { } sequence ? $"{_path}?min_sequence={sequence}" : _path;
        using var request = Requests.Create(HttpMethod.Get, path, token);
        try
        {
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Errors.Record($"HTTP {(int)response.StatusCode}", System.Text.Encoding.UTF8.GetString(body));
                return null;
            }
            var results = Parse(body);
            if (results is null)
            {
                Errors.Record("malformed 200", System.Text.Encoding.UTF8.GetString(body));
            }
            return results;
        }
        catch (HttpRequestException e)
        {
            Errors.Record(nameof(HttpRequestException), e.Message);
            return null;
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            Errors.Record("client timeout", e.Message);
            return null;
        }
    }

    private static PollResults? Parse(byte[] body)
    {
        try
        {
            var results = JsonSerializer.Deserialize(body, BenchJson.Default.PollResults);
            return results is { Options: not null } ? results : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
