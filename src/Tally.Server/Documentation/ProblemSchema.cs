using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>
/// The shape of every error Tally answers with (<see cref="Problems.Problem"/>): RFC 9457 problem details with the stable
/// <c>code</c> clients switch on, the <c>errors</c> of a VALIDATION_FAILED, and the <c>trace_id</c> the framework adds.
/// </summary>
public static class ProblemSchema
{
    public const string Id = "Problem";
    public const string MediaType = "application/problem+json";

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Id] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An error (RFC 9457 problem details). Switch on `code`, not on `detail`, whose wording may change.",
            Required = new HashSet<string> { "type", "title", "status", "detail", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("The kind of problem: the section of RFC 9110 for its status.", "uri-reference"),
                ["title"] = Text("The status's reason phrase."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What went wrong and what to do about it, for a person."),
                ["instance"] = Text("The occurrence, when one is named.", "uri-reference"),
                ["code"] = Text("A stable, machine-readable code (such as ALREADY_VOTED); each response lists the codes it can carry."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "With VALIDATION_FAILED: the messages for each field at fault, by field name.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["trace_id"] = Text("The request's W3C trace id, to find it in the service's logs."),
            },
        };
    }

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };
}
