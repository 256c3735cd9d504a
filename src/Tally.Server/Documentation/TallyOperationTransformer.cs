using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>Completes each operation from its endpoint's metadata: id, unbound path parameters, hand-read body, event stream, problems and security.</summary>
public sealed class TallyOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("Operations are described within a document.");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationNames.FromSummary(operation.Summary);
        RouteParameters.AddUnbound(operation, context.Description);
        await RequestBodies.DescribeAsync(operation, context, cancellationToken);
        EventStreams.Describe(operation, metadata, document);
        ProblemResponses.AddTo(operation, OperationProblems.Of(context.Description), document);
        operation.Security = OperationSecurity.RequirementsOf(metadata, document);
    }
}
