using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Tally.Server.Auth;

/// <summary>
/// The voter id the ledger keys votes by: the only claim a validated principal holds, stamped from the token's issuer and
/// subject when it is validated (see <see cref="AuthenticationSetup"/>).
/// </summary>
public static class VoterIdentity
{
    public const string ClaimType = "tally_voter";

    public static string? VoterId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimType);

    /// <summary>The principal a validated token of <paramref name="voterId"/> stands for, and nothing more.</summary>
    public static ClaimsPrincipal Principal(string voterId) => new(new ClaimsIdentity(
        [new Claim(ClaimType, voterId)], JwtBearerDefaults.AuthenticationScheme, ClaimType, roleType: null));
}
