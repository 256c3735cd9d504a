using System.Globalization;
using Microsoft.Extensions.Options;

namespace Tally.Server.Headers;

/// <summary>
/// Headers every response carries, set as it starts so error pages written by the exception handler (which clears
/// headers) get them too.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<HeadersOptions> options)
{
    private readonly string? _hsts = options.Value.Hsts
        ? $"max-age={((long)options.Value.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)}; includeSubDomains"
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (http, hsts) = ((HttpContext, string?))state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // A page of the web app sets its own, stricter policy (which also forbids framing).
            if (headers.ContentSecurityPolicy.Count == 0)
            {
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }
            headers["Referrer-Policy"] = "no-referrer";
            if (hsts is not null)
            {
                headers.StrictTransportSecurity = hsts;
            }
            // An answer meant for one user must never sit in a shared cache.
            if (http.Request.Headers.Authorization.Count > 0 || http.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        }, (context, _hsts));
        return next(context);
    }
}
