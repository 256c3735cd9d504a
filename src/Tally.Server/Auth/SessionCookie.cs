namespace Tally.Server.Auth;

/// <summary>
/// The browser session: Tally's own access token in an HttpOnly, SameSite=Strict cookie, so scripts never see it and
/// other sites never send it. The bearer handler reads it when a request has no Authorization header.
/// </summary>
public static class SessionCookie
{
    public const string Name = "tally_session";

    public static void Write(HttpContext http, IssuedToken token) =>
        http.Response.Cookies.Append(Name, token.AccessToken, OptionsFor(http, TimeSpan.FromSeconds(token.ExpiresIn)));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, OptionsFor(http, maxAge: null));

    /// <summary>The token the cookie holds, unless the request names its own in an Authorization header.</summary>
    public static string? TokenOf(HttpRequest request) =>
        request.Headers.Authorization.Count == 0 && request.Cookies.TryGetValue(Name, out var token) && token.Length > 0 ? token : null;

    /// <summary>Whether the caller was signed in by the cookie rather than by a token it sent itself.</summary>
    public static bool SignedIn(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.Request.Headers.Authorization.Count == 0;

    private static CookieOptions OptionsFor(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        MaxAge = maxAge,
    };
}
