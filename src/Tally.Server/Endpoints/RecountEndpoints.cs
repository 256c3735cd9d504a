using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Handlers;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;
using Tally.Server.Admin;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>Recounts of a poll (or a slice of it) from the ledger's vote rows, kept and readable back; admins only, as all of /v1/admin.</summary>
public static class RecountEndpoints
{
    public static RouteGroupBuilder MapRecounts(this RouteGroupBuilder admin)
    {
        admin.MapPost("/polls/{id}/recounts", RecountAsync).ReadsJsonBody<RecountRequest>(optional: true)
            .WithSummary("Recount a poll")
            .WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.InvalidRegion, ErrorCodes.RateLimited,
                ErrorCodes.OutcomeUnknown);
        admin.MapGet("/polls/{id}/recounts/{recountId}", GetAsync).WithSummary("Read a recount").WithProblemCodes(ErrorCodes.RecountNotFound);
        return admin;
    }

    private static async Task<Results<Created<RecountReport>, ProblemHttpResult>> RecountAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, PollDirectory polls, Recounter recounter, CancellationToken ct)
    {
        // The body is optional: none is the whole poll.
        var (request, unreadable) = await JsonBody.ReadAsync(
            http.Request, TallyJsonContext.Default.RecountRequest, new RecountRequest(null, null, null), "{region?, from?, to?}, all strings", ct);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (Read(request!, out var slice) is { } invalid)
        {
            return invalid;
        }
        if (await polls.FindAsync(id, ct) is not { } poll)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        if (slice.Region is { } region && !poll.HasRegion(region))
        {
            return Problem.Of(poll.Regions.Count == 0 ? Rejections.RegionsNotCollected : Rejections.UnknownRegion(region));
        }
        if (await recounter.RunAsync(poll, slice, user.VoterId()!, ct) is not { } report)
        {
            return RateLimitRejection.Problem(http, TimeSpan.FromSeconds(1));
        }
        return TypedResults.Created($"/v1/admin/polls/{id}/recounts/{report.RecountId}", report);
    }

    private static async Task<Results<Ok<RecountReport>, ProblemHttpResult>> GetAsync(Guid id, Guid recountId, IRecountStore recounts, CancellationToken ct) =>
        await recounts.FindAsync(id, recountId, ct) is { } report ? TypedResults.Ok(report) : Problem.Of(Rejections.RecountNotFound);

    /// <summary>The slice as asked, with its region in canonical form, or why it cannot be.</summary>
    private static ProblemHttpResult? Read(RecountRequest request, out RecountSlice slice)
    {
        slice = new RecountSlice(null, null, null);
        string? region = null;
        if (request.Region is not null)
        {
            var read = PollRules.Region.Read(request.Region);
            if (read.Fault is { } fault)
            {
                return Problem.Invalid("region", PollRules.Region.Explain(fault, "A region"));
            }
            region = read.Text;
        }
        if (TimeRange.Read(request.From, request.To, out var from, out var to) is { } badRange)
        {
            return badRange;
        }
        slice = new RecountSlice(region, from, to);
        return null;
    }
}
