using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Tally.Bench.Catalog;

/// <summary>Single GET /v1/polls answers, read in full: to wait for a server's views and to compare what servers list.</summary>
public static class CatalogReads
{
    public static async Task<CatalogAnswer> ReadAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new CatalogAnswer(root.GetProperty("total").GetInt32(), [.. root.GetProperty("polls").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)]);
    }

    /// <summary>Waits until the server lists <paramref name="polls"/> polls, e.g. while it rebuilds its views from the log.</summary>
    public static async Task WaitForAllAsync(HttpClient client, int polls, TimeSpan timeout, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var listed = (await ReadAsync(client, "/v1/polls", ct)).Total;
            if (listed >= polls)
            {
                return;
            }
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"The server listed {listed} of {polls} polls after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>The answers to the first <paramref name="perQuery"/> paths of every query, by path.</summary>
    public static async Task<IReadOnlyDictionary<string, CatalogAnswer>> SampleAsync(HttpClient client, IReadOnlyList<CatalogQuery> queries, int perQuery, CancellationToken ct)
    {
        var answers = new Dictionary<string, CatalogAnswer>();
        foreach (var path in queries.SelectMany(q => q.Paths.Take(perQuery)).Distinct())
        {
            answers[path] = await ReadAsync(client, path, ct);
        }
        return answers;
    }
}
