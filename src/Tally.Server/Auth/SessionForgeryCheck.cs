using Microsoft.AspNetCore.Antiforgery;
using Tally.Domain.Errors;
using Tally.Server.Problems;

namespace Tally.Server.Auth;

/// <summary>
/// A browser sends the session cookie with every request to this site, whoever's page asked for it; so a write signed in
/// by the cookie must also prove it came from Tally's own page: the anti-forgery token of <see cref="BrowserSessions"/>
/// in <see cref="SessionSetup.CsrfHeader"/>. Refused before anything runs. Bearer requests carry their own proof.
/// </summary>
public sealed class SessionForgeryCheck(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (IsWrite(http.Request.Method) && SessionCookie.SignedIn(http)
            && http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: false }
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await Problem.Of(Problem.StatusOf(ErrorCodes.CsrfTokenInvalid), ErrorCodes.CsrfTokenInvalid,
                $"A write signed in by the session cookie needs the session's anti-forgery token in the {SessionSetup.CsrfHeader} header.")
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
