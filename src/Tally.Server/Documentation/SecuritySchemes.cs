using Microsoft.OpenApi;

namespace Tally.Server.Documentation;

/// <summary>The two ways a caller proves who it is: a bearer token (API clients), or the browser session cookie (the web app).</summary>
public static class SecuritySchemes
{
    public const string Bearer = "bearer";
    public const string Session = "session";
    public const string SessionCookie = "tally_session";
    public const string CsrfHeader = "X-CSRF-Token";

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /v1/auth/login or /v1/auth/register, or from a trusted external issuer, sent as `Authorization: Bearer <token>`.",
        };
        document.Components.SecuritySchemes[Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionCookie,
            Description = $"The browser session: an HttpOnly, SameSite=Strict cookie set by POST /v1/auth/session. A request it authenticates with POST, PUT, PATCH or DELETE must also send the session's csrf_token in the `{CsrfHeader}` header, or it is refused with 403.",
        };
    }
}
