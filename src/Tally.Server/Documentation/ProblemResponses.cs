using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>An operation's error responses: one per status, each a <see cref="ProblemSchema"/> whose code is one of those listed.</summary>
public static class ProblemResponses
{
    public static void AddTo(OpenApiOperation operation, SortedDictionary<int, SortedSet<string>> problems, OpenApiDocument document)
    {
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, codes) in problems)
        {
            var response = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status)}: {string.Join(", ", codes)}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemSchema.MediaType] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            AllOf =
                            [
                                new OpenApiSchemaReference(ProblemSchema.Id, document),
                                new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Properties = new Dictionary<string, IOpenApiSchema>
                                    {
                                        ["code"] = new OpenApiSchema
                                        {
                                            Type = JsonSchemaType.String,
                                            Enum = [.. codes.Select(code => (JsonNode)JsonValue.Create(code))],
                                        },
                                    },
                                },
                            ],
                        },
                    },
                },
            };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Whole seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    },
                };
            }
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }
    }
}
