namespace Tally.Server.Auth;

/// <summary>The token a request presents, read as JwtBearer reads it: the session cookie's when there is no Authorization header, else the bearer header's.</summary>
public static class PresentedToken
{
    private const string Bearer = "Bearer ";

    /// <returns>The token, or empty when the request presents none.</returns>
    public static ReadOnlySpan<char> Of(HttpRequest request)
    {
        if (SessionCookie.TokenOf(request) is { } cookie)
        {
            return cookie;
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization.AsSpan(Bearer.Length).Trim() : [];
    }
}
