using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>Path parameters a handler reads from the raw request target rather than binds (such as {voter}): still part of the path.</summary>
public static partial class RouteParameters
{
    public static void AddUnbound(OpenApiOperation operation, ApiDescription description)
    {
        foreach (Match match in Placeholder().Matches(description.RelativePath ?? ""))
        {
            var name = match.Groups["name"].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = "Percent-encoded.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Placeholder();
}
