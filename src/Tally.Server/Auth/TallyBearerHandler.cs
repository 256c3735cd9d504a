using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Tally.Server.Auth;

/// <summary>
/// JwtBearer with a fast path in front: a token <see cref="LeanTokenValidator"/> accepts signs its voter in at once; any
/// other token goes through JwtBearer as it always did, so refusals, their 401 answers and WWW-Authenticate are
/// JwtBearer's own. A request with no token at all gets JwtBearer's answer to that (no result) at once.
/// </summary>
public sealed class TallyBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder, LeanTokenValidator lean)
    : JwtBearerHandler(options, logger, encoder)
{
    // What JwtBearer answers a request that presents no token, without its events and contexts: most reads are anonymous.
    private static readonly Task<AuthenticateResult> NoToken = Task.FromResult(AuthenticateResult.NoResult());

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken.Of(Request);
        if (presented.IsEmpty)
        {
            return NoToken;
        }
        // The full path's clock: token lifetimes are judged against DateTime.UtcNow there too.
        if (lean.Validate(presented, DateTime.UtcNow) is not { } token)
        {
            return base.HandleAuthenticateAsync();
        }
        // As JwtBearer's ticket: the session's answer reads when it expires from it.
        var properties = new AuthenticationProperties { ExpiresUtc = token.Expires, IssuedUtc = token.NotBefore };
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(VoterIdentity.Principal(token.VoterId), properties, Scheme.Name)));
    }
}
