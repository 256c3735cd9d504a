using System.Security.Claims;

namespace Tally.Server.Auth;

/// <summary>The voter id the ledger keys votes by, stamped on the principal once when its token is validated.</summary>
public static class VoterIdentity
{
    public const string ClaimType = "tally_voter";

    /// <summary>Tally's own subjects are used bare; external ones are prefixed with their issuer so two providers never share a voter.</summary>
    public static string Of(string issuer, string localIssuer, string subject) =>
        issuer == localIssuer ? subject : string.Concat(issuer, ":", subject);

    public static string? VoterId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimType);
}
