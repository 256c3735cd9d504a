using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
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
        // Another issuer's voters have no Tally username; their voter id names them.
        var username = signedIn.Properties?.Items.TryGetValue(AuthenticationSetup.UsernameProperty, out var name) == true && name is not null ? name : voterId;
        return await DescribeAsync(http, voterId, username, expiresIn, ct);
    }

    private async Task<SessionResponse> DescribeAsync(HttpContext http, string voterId, string username, int expiresIn, CancellationToken ct) =>
        new(voterId, username, await admins.IsAdminAsync(voterId, ct), antiforgery.GetAndStoreTokens(http).RequestToken!, expiresIn);
}
