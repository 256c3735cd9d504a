using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Tally.Server.Admin;
using Tally.Server.Contracts;

namespace Tally.Server.Auth;

/// <summary>
/// What a browser learns of its session: who signed in, whether they are an admin, the anti-forgery token its writes
/// carry (bound to that user) and how long the session lasts.
/// </summary>
public sealed class BrowserSessions(IAntiforgery antiforgery, AdminDirectory admins, TrustedIssuers issuers, TimeProvider clock)
{
    /// <summary>Sets the cookie for a user who just signed in.</summary>
    public Task<SessionResponse> OpenAsync(HttpContext http, Session session, CancellationToken ct)
    {
        SessionCookie.Write(http, session.Token);
        // Signed in from this response on: the anti-forgery token is made for them, not for the anonymous caller.
        var voterId = issuers.VoterIdOf(issuers.Local.Issuer, session.UserId);
        http.User = VoterIdentity.Principal(voterId);
        return DescribeAsync(http, voterId, session.Username, session.Token.ExpiresIn, ct);
    }

    /// <returns>The caller's session (from the cookie or a bearer token), or null when none is valid.</returns>
    public async Task<SessionResponse?> CurrentAsync(HttpContext http, CancellationToken ct)
    {
        var signedIn = await http.AuthenticateAsync();
        if (signedIn.Principal?.VoterId() is not { } voterId)
        {
            return null;
        }
        var expiresIn = signedIn.Properties?.ExpiresUtc is { } expires ? (int)Math.Max(0, (expires - clock.GetUtcNow()).TotalSeconds) : 0;
        return await DescribeAsync(http, voterId, UsernameOf(http.Request) ?? voterId, expiresIn, ct);
    }

    /// <summary>
    /// The name in the token this request just signed in with, when Tally issued it (another issuer's voters have none:
    /// their voter id names them). Read here, on this rare call, rather than on every request's validation.
    /// </summary>
    private string? UsernameOf(HttpRequest request)
    {
        var presented = PresentedToken.Of(request);
        return !presented.IsEmpty && new JsonWebToken(presented.ToString()) is var token && token.Issuer == issuers.Local.Issuer
            && token.TryGetPayloadValue<string>("name", out var name) ? name : null;
    }

    private async Task<SessionResponse> DescribeAsync(HttpContext http, string voterId, string username, int expiresIn, CancellationToken ct) =>
        new(voterId, username, await admins.IsAdminAsync(voterId, ct), antiforgery.GetAndStoreTokens(http).RequestToken!, expiresIn);
}
