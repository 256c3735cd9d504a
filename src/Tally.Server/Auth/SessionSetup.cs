using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Tally.Ledger.Sessions;

namespace Tally.Server.Auth;

public static class SessionSetup
{
    /// <summary>The header a cookie-signed-in write carries its session's anti-forgery token in.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>Browser sessions: the anti-forgery tokens (ASP.NET Core's IAntiforgery) and the keys that protect them, kept in the ledger.</summary>
    public static IServiceCollection AddTallySessions(this IServiceCollection services)
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
        services.AddOptions<KeyManagementOptions>().Configure<ISessionKeyStore, TimeProvider>((keys, store, clock) =>
            keys.XmlRepository = new LedgerKeyRing(store, clock));
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
