using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Tally.Server.Auth;

public static class SessionSetup
{
    /// <summary>The header a cookie-signed-in write carries its session's anti-forgery token in.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>Browser sessions: the anti-forgery tokens (ASP.NET Core's IAntiforgery) and the keys that protect them.</summary>
    public static IServiceCollection AddTallySessions(this IServiceCollection services, string dataPath)
    {
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = CsrfHeader;
            antiforgery.Cookie.Name = "tally_csrf";
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The security headers send X-Frame-Options: DENY on every response.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddDataProtection().SetApplicationName("Tally");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<AuthOptions>, ILoggerFactory>((keys, auth, logs) =>
        {
            var folder = string.IsNullOrWhiteSpace(auth.Value.SessionKeysPath) ? Path.Combine(dataPath, "session-keys") : auth.Value.SessionKeysPath;
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), logs);
        });
        services.AddSingleton<BrowserSessions>();
        return services;
    }

    /// <summary>After authentication, so it knows who the cookie signed in, and before anything acts on the request.</summary>
    public static WebApplication UseTallySessionForgeryCheck(this WebApplication app)
    {
        app.UseMiddleware<SessionForgeryCheck>();
        return app;
    }
}
