using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>
/// A <c>text/event-stream</c> response described by its events (<see cref="StreamedEvent"/>): each item is one event,
/// its <c>event</c> field naming the type and its <c>data</c> that type's JSON, the way an EventSource hands them over.
/// </summary>
public static class EventStreams
{
    public const string MediaType = "text/event-stream";

    public static void Describe(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        var events = metadata.OfType<StreamedEvent>().ToList();
        if (events.Count == 0)
        {
            return;
        }
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            if (response.Content is null || !response.Content.TryGetValue(MediaType, out var stream))
            {
                continue;
            }
            // The framework describes the stream by its C# item (SseItem<T>, a component of its own that nothing else
            // uses); the events say what arrives.
            if (stream.Schema is OpenApiSchemaReference { Reference.Id: { } replaced } && replaced.StartsWith("SseItemOf", StringComparison.Ordinal))
            {
                document.Components?.Schemas?.Remove(replaced);
            }
            var description = "Server-Sent Events, each with an `id` (the sequence its data holds) and one of these types: "
                + string.Join("; ", events.Select(e => $"`{e.Name}` (data: {e.Data.Name})")) + ".";
            stream.Schema = events.Count == 1
                ? Event(events[0], document, description)
                : new OpenApiSchema { Description = description, OneOf = [.. events.Select(e => Event(e, document, null))] };
        }
    }

    private static OpenApiSchema Event(StreamedEvent streamed, OpenApiDocument document, string? description) => new()
    {
        Description = description,
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "event", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["event"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(streamed.Name)] },
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["data"] = new OpenApiSchemaReference(streamed.Data.Name, document),
        },
    };
}
