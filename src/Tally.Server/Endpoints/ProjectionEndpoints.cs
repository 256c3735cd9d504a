using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Ledger.Stores;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;
using Tally.Sync;
using Tally.Sync.Leadership;
using Tally.Sync.Rebuilds;
using Tally.Views;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>The projections as operators run them: their state, and shadow rebuilds swapped in only when they match the ledger.</summary>
public static class ProjectionEndpoints
{
    public static RouteGroupBuilder MapProjections(this RouteGroupBuilder admin)
    {
        admin.MapGet("/projections", ListAsync).WithSummary("List projections");
        admin.MapPost("/projections/{name}/rebuild", RebuildAsync)
            .WithSummary("Rebuild a projection")
            .WithProblemCodes(ErrorCodes.ProjectionNotFound, ErrorCodes.NotProjector, ErrorCodes.RebuildRunning, ErrorCodes.OutcomeUnknown);
        return admin;
    }

    private static async Task<Ok<ProjectionsResponse>> ListAsync(
        IEventLog log,
        IEnumerable<IProjection> projections,
        IViewsStamp stamps,
        ViewsState state,
        ShadowRebuilds rebuilds,
        SyncLag lag,
        ProjectorLeadership leadership,
        CancellationToken ct)
    {
        var head = await log.ReadHighWaterMarkAsync(ct);
        var stamp = await stamps.ReadAsync(ct);
        var listed = new List<ProjectionAdminStatus>();
        foreach (var projection in projections)
        {
            var checkpoint = await projection.ReadCheckpointAsync(ct);
            var behind = Math.Max(0, head - checkpoint);
            var swap = rebuilds.LastSwapOf(projection.Name);
            listed.Add(new ProjectionAdminStatus(
                projection.Name,
                checkpoint,
                behind,
                behind == 0 ? 0 : lag.TimeBehind.TotalMilliseconds,
                rebuilds.StatusOf(projection.Name) is { } status ? ToResponse(status) : null,
                swap?.FinishedAt,
                swap?.Checksum));
        }
        return TypedResults.Ok(new ProjectionsResponse(
            leadership.Role,
            state.Rebuilding ? "rebuilding" : "current",
            state.RebuildReason,
            head,
            stamp is null ? null : new ViewsStampResponse(stamp.Generation, stamp.LedgerId, stamp.Checkpoint),
            listed));
    }

    private static async Task<Results<Accepted<RebuildResponse>, ProblemHttpResult>> RebuildAsync(
        string name, ClaimsPrincipal user, ShadowRebuilds rebuilds, ViewsState state, ProjectorLeadership leadership,
        IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (!rebuilds.Knows(name))
        {
            return Problem.Of(Rejections.ProjectionNotFound(name, rebuilds.Names));
        }
        if (!leadership.IsLeader)
        {
            return Problem.Of(Rejections.NotProjector);
        }
        // A rebuild of every view from the log is already under way: a shadow of one would race it.
        if (state.Rebuilding || rebuilds.Start(name) is not { } started)
        {
            return Problem.Of(Rejections.RebuildRunning);
        }
        await audit.RecordAsync(clock.GetUtcNow(), user.VoterId()!, "projection_rebuild", null, name, ct);
        return TypedResults.Accepted("/v1/admin/projections", ToResponse(started));
    }

    private static RebuildResponse ToResponse(RebuildStatus status) => new(
        status.Projection,
        status.State.ToString().ToLowerInvariant(),
        status.StartedAt,
        status.Applied,
        status.Target,
        status.EventsPerSecond,
        status.FinishedAt,
        status.Checksum,
        status.Error);
}
