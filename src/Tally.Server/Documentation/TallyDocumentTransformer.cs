using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>
/// The document's frame: what the API is, tags explained, the shared problem schema and the security schemes, and one
/// relative server, so the document is the same whichever address it was fetched from (the committed snapshot relies on it).
/// </summary>
public sealed class TallyDocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Status"] = "Whether the service is up, and how far the views are behind the ledger.",
        ["Auth"] = "Accounts, and the tokens and browser sessions that prove who calls.",
        ["Polls"] = "Creating, finding and closing polls.",
        ["Votes"] = "Casting and retracting one's own vote, and reading it back.",
        ["Results"] = "Tallies, region heatmaps and recent gains, read from the views, and their live stream.",
        ["Admin"] = "The admin desk: admins, projections, reconciliation, recounts, audit, blocks and fraud review. Admins only.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tally",
            Version = "v1",
            Description = "A real-time voting service. Every error is `application/problem+json` with a stable `code`; "
                + "each operation lists the statuses and codes it can answer with.",
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document is served by." }];
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            tag.Description = tag.Name is { } name && Tags.TryGetValue(name, out var description) ? description : tag.Description;
        }
        ProblemSchema.AddTo(document);
        SecuritySchemes.AddTo(document);
        if (document.Components?.Schemas is { } schemas)
        {
            document.Components.Schemas = new SortedDictionary<string, IOpenApiSchema>(schemas, StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }
}
