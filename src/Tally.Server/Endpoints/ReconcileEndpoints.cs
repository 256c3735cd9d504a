using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tally.Domain.Errors;
using Tally.Ledger.Stores;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;
using Tally.Sync;
using Tally.Sync.Leadership;
using Tally.Sync.Reconciliation;

namespace Tally.Server.Endpoints;

/// <summary>Reconciliation of the views with the ledger: run it now, or read what it found.</summary>
public static class ReconcileEndpoints
{
    public static RouteGroupBuilder MapReconcile(this RouteGroupBuilder admin)
    {
        admin.MapPost("/reconcile", RunAsync).WithSummary("Run reconciliation").WithProblemCodes(ErrorCodes.NotProjector, ErrorCodes.OutcomeUnknown);
        admin.MapGet("/reconcile", Get).WithSummary("Read the last reconciliation");
        return admin;
    }

    private static async Task<Results<Ok<ReconcileReport>, ProblemHttpResult>> RunAsync(
        ClaimsPrincipal user, Reconciler reconciler, ProjectorLeadership leadership, IAuditTrail audit, CancellationToken ct)
    {
        if (!leadership.IsLeader)
        {
            return Problem.Of(Rejections.NotProjector);
        }
        var report = await reconciler.RunAsync(ct);
        await audit.RecordAsync(report.At, user.VoterId()!, "reconcile", null,
            $"sequence {report.Sequence}: {report.Polls} polls, {report.Cells} cells, {report.Drifted.Count} drifted", ct);
        return TypedResults.Ok(report);
    }

    private static Ok<ReconcileResponse> Get(Reconciler reconciler, IOptions<SyncOptions> options) =>
        TypedResults.Ok(new ReconcileResponse(reconciler.Last, reconciler.Drift, options.Value.ReconcileInterval.TotalSeconds));
}
