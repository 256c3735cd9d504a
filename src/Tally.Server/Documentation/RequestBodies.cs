using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>The JSON body of an operation whose handler reads it by hand (<see cref="HandReadBody"/>), as a component schema.</summary>
public static class RequestBodies
{
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HandReadBody>().FirstOrDefault() is not { } body)
        {
            return;
        }
        var document = context.Document ?? throw new InvalidOperationException("Operations are described within a document.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(body.Type.Name, await context.GetOrCreateSchemaAsync(body.Type, AsBody(body), ct));
        var schema = new OpenApiSchemaReference(body.Type.Name, document);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.Optional,
            Description = body.Optional ? "Optional: a request without a body takes every default." : null,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>Described as a bound body would be, so it gets the same schema treatment (<see cref="RequestSchemas"/>).</summary>
    private static ApiParameterDescription AsBody(HandReadBody body) =>
        new() { Name = "body", Source = BindingSource.Body, Type = body.Type, IsRequired = !body.Optional };
}
