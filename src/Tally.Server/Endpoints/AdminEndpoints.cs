using System.Buffers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Ledger.Stores;
using Tally.Server.Admin;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>
/// The admin desk. Everything under /v1/admin/ — including addresses that do not exist — is refused to anyone who is
/// not an admin (401 without a token, 403 with one), so the surface tells a stranger nothing.
/// </summary>
public static class AdminEndpoints
{
    public const int MaxVoterIdLength = 512;

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin").WithTags("Admin").RequireAuthorization(AdminRequirement.Policy);
        group.MapGet("/admins", ListAsync).WithSummary("List admins");
        group.MapPut("/admins/{voter}", GrantAsync)
            .WithSummary("Grant admin").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.OutcomeUnknown);
        group.MapDelete("/admins/{voter}", RevokeAsync)
            .WithSummary("Revoke admin")
            .WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.AdminFromConfiguration, ErrorCodes.AdminNotFound, ErrorCodes.OutcomeUnknown);
        group.MapRecounts();
        group.MapProjections();
        group.MapReconcile();
        group.MapAudit();
        group.MapBlocks();
        group.MapFraudReview();
        group.MapExport();
        group.Map("/{**rest}", () => Problem.Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "There is nothing at this address."))
            .ExcludeFromDescription();
        return group;
    }

    private static async Task<Ok<AdminListResponse>> ListAsync(ConfiguredAdmins configured, IAdminStore grants, CancellationToken ct)
    {
        var admins = configured.VoterIds.Order(StringComparer.Ordinal).Select(id => new AdminResponse(id, "configuration", null, null)).ToList();
        foreach (var grant in await grants.ListAsync(ct))
        {
            if (!configured.Contains(grant.VoterId))
            {
                admins.Add(new AdminResponse(grant.VoterId, "grant", grant.GrantedBy, grant.GrantedAt));
            }
        }
        return TypedResults.Ok(new AdminListResponse(admins));
    }

    private static async Task<Results<Ok<AdminChangeResponse>, ProblemHttpResult>> GrantAsync(
        HttpContext http, ClaimsPrincipal user, AdminDirectory admins, IAdminStore grants, CancellationToken ct)
    {
        if (VoterOf(http) is not { } voter)
        {
            return InvalidVoter();
        }
        if (admins.IsConfigured(voter))
        {
            return TypedResults.Ok(new AdminChangeResponse(voter, true, false, null));
        }
        var sequence = await grants.GrantAsync(voter, user.VoterId()!, ct);
        return TypedResults.Ok(new AdminChangeResponse(voter, true, sequence is not null, sequence));
    }

    private static async Task<Results<Ok<AdminChangeResponse>, ProblemHttpResult>> RevokeAsync(
        HttpContext http, ClaimsPrincipal user, AdminDirectory admins, IAdminStore grants, CancellationToken ct)
    {
        if (VoterOf(http) is not { } voter)
        {
            return InvalidVoter();
        }
        if (admins.IsConfigured(voter))
        {
            return Problem.Of(Rejections.AdminFromConfiguration);
        }
        var sequence = await grants.RevokeAsync(voter, user.VoterId()!, ct);
        return sequence is null
            ? Problem.Of(Rejections.AdminNotFound)
            : TypedResults.Ok(new AdminChangeResponse(voter, false, true, sequence));
    }

    /// <summary>
    /// The {voter} segment decoded exactly once from the raw request target: voter ids hold issuer URLs ('/' sent as %2F)
    /// and escaped subjects ('%' sent as %25), which the router's own partial decoding would garble.
    /// </summary>
    private static string? VoterOf(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = target.AsSpan();
        if (path.IndexOfAny('?', '#') is var end and >= 0)
        {
            path = path[..end];
        }
        var segment = path[(path.LastIndexOf('/') + 1)..].ToString();
        string voter;
        try
        {
            voter = Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return null;
        }
        return voter.Length is 0 or > MaxVoterIdLength || !IsPrintable(voter) ? null : voter;
    }

    /// <summary>Whole characters only (no lone surrogates), none of them a control character.</summary>
    private static bool IsPrintable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var length) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }
            rest = rest[length..];
        }
        return true;
    }

    private static ProblemHttpResult InvalidVoter() => Problem.Invalid("voter",
        $"The voter is a voter id (a user id, or issuer:subject as the API shows it), percent-encoded, of 1 to {MaxVoterIdLength} characters.");
}
