using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>
/// Who may call an operation, read from its endpoint's authorization metadata: a bearer token or the browser session
/// cookie when it requires a caller; either, or nobody, when it serves anyone but answers a known caller differently
/// (its handler reads the caller); nobody otherwise.
/// </summary>
public static class OperationSecurity
{
    public static bool RequiresIdentity(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>A policy or role beyond being signed in: a caller without it is refused with 403.</summary>
    public static bool RequiresPolicy(IList<object> metadata) =>
        RequiresIdentity(metadata) && metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null);

    public static bool UsesIdentity(IList<object> metadata) =>
        metadata.OfType<MethodInfo>().Any(handler => handler.GetParameters().Any(p => p.ParameterType == typeof(ClaimsPrincipal)));

    public static List<OpenApiSecurityRequirement> RequirementsOf(IList<object> metadata, OpenApiDocument document)
    {
        if (!RequiresIdentity(metadata) && !UsesIdentity(metadata))
        {
            // Stated, not left out: anyone may call it.
            return [new OpenApiSecurityRequirement()];
        }
        List<OpenApiSecurityRequirement> requirements =
        [
            Scheme(SecuritySchemes.Bearer, document),
            Scheme(SecuritySchemes.Session, document),
        ];
        if (!RequiresIdentity(metadata))
        {
            requirements.Add(new OpenApiSecurityRequirement());
        }
        return requirements;
    }

    private static OpenApiSecurityRequirement Scheme(string id, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(id, document)] = [] };
}
