using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Tally.Domain.Errors;
using Tally.Server.Problems;

namespace Tally.Server.Web;

/// <summary>
/// The web app (built from <c>web/</c> into <c>wwwroot</c>): its bundle under <c>/assets/</c>, and its page at each of
/// the app's own addresses. Only those addresses answer with the page, so an unknown API address stays a problem+json 404.
/// </summary>
public static class WebAppHosting
{
    /// <summary>Everything from this server; pictures also as data: URLs (the poll's QR code is drawn in the browser).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private const string IndexFile = "index.html";

    /// <summary>The app's routes; everything else (<c>/v1/</c>, <c>/openapi/</c>, <c>/scalar/</c>, <c>/metrics</c>, <c>/health</c>) is the server's.</summary>
    public static readonly IReadOnlyList<string> Routes = ["/", "/signin", "/signup", "/polls/new", "/polls/{id:guid}", "/my", "/admin"];

    private const string AssetsPath = "/assets";

    // Asset names carry a hash of their content, so a year is safe; a new build names new files.
    private const string AssetCaching = "public, max-age=31536000, immutable";

    // The page names the current assets: ask every time (cheap with its ETag), so a deployment shows at once.
    private const string PageCaching = "no-cache";

    /// <summary>
    /// Before authentication: the bundle is the same for everyone, so it is served without reading the caller's
    /// session and may be cached (an authenticated answer would be marked no-store).
    /// </summary>
    public static WebApplication UseTallyWebAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = static file =>
            {
                var headers = file.Context.Response.Headers;
                if (file.Context.Request.Path.StartsWithSegments(AssetsPath, StringComparison.Ordinal))
                {
                    headers.CacheControl = AssetCaching;
                }
                else
                {
                    headers.CacheControl = PageCaching;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }
            },
        });
        return app;
    }

    public static WebApplication MapTallyWebApp(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo(IndexFile);
        foreach (var route in Routes)
        {
            app.MapGet(route, (HttpContext http) => Page(http, index)).ExcludeFromDescription();
        }
        return app;
    }

    private static IResult Page(HttpContext http, IFileInfo index)
    {
        if (!index.Exists || index.PhysicalPath is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                "The web app is not built here: `dotnet build` builds it (it needs Node.js and npm), or run `npm ci && npm run build` in web/.");
        }
        http.Response.Headers.CacheControl = PageCaching;
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.PhysicalFile(index.PhysicalPath, "text/html; charset=utf-8", lastModified: index.LastModified,
            entityTag: new EntityTagHeaderValue($"\"{index.LastModified.UtcTicks:x}-{index.Length:x}\""));
    }
}
