using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Tally.Server.Auth;

/// <summary>
/// JwtBearer with a fast path in front: a token <see cref="LeanTokenValidator"/> accepts signs its voter in at once; any
/// other token (or none) goes through JwtBearer as it always did, so refusals, their 401 answers and WWW-Authenticate are
/// JwtBearer's own.
/// </summary>
public sealed class TallyBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder, LeanTokenValidator lean)
    : JwtBearerHandler(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The full path's clock: token lifetimes are judged against DateTime.UtcNow there too.
        if (lean.Validate(PresentedToken.Of(Request), DateTime.UtcNow) is not { } token)
        {
            return base.HandleAuthenticateAsync();
        }
        // As JwtBearer's ticket: the session's answer reads when it expires from it.
        var properties = new AuthenticationProperties { ExpiresUtc = token.Expires, IssuedUtc = token.NotBefore };
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(VoterIdentity.Principal(token.VoterId), properties, Scheme.Name)));
    }
}
