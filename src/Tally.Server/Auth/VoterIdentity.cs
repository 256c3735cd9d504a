using System.Security.Claims;

namespace Tally.Server.Auth;

/// <summary>
/// The voter id the ledger keys votes by: the only claim a validated principal holds, stamped from the token's issuer and
/// subject when it is validated (see <see cref="AuthenticationSetup"/>).
/// </summary>
public static class VoterIdentity
{
    public const string ClaimType = "tally_voter";

    public static string? VoterId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimType);
}
