using System.Text.Json.Nodes;

namespace Tally.Server.Tests.Infrastructure;

/// <summary>Reads a live results stream (Server-Sent Events) message by message.</summary>
public static class LiveResults
{
    /// <returns>The next <c>results</c> message's data.</returns>
    public static async Task<JsonObject> NextResultsAsync(this StreamReader reader, CancellationToken ct)
    {
        while (true)
        {
            var (name, data) = await reader.NextEventAsync(ct);
            if (name == "results")
            {
                return data;
            }
        }
    }

    /// <returns>The next message of any type: its event name and data.</returns>
    public static async Task<(string? Event, JsonObject Data)> NextEventAsync(this StreamReader reader, CancellationToken ct)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (eventName, JsonNode.Parse(line["data: ".Length..])!.AsObject());
            }
        }
        throw new InvalidOperationException("The stream ended.");
    }
}
