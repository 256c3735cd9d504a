using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>
/// Request bodies require only what the reader requires. The framework lists every constructor parameter of a record as
/// required, but a member left out is read as null and judged by the handler (a block names one of three targets), so a
/// body's schema keeps only the members the serializer itself insists on.
/// </summary>
public sealed class RequestSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.ParameterDescription?.Source == BindingSource.Body && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            schema.Required = context.JsonTypeInfo.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }
}
