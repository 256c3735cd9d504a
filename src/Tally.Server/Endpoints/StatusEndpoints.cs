using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;
using Tally.Sync;
using Tally.Sync.Leadership;
using Tally.Views;

namespace Tally.Server.Endpoints;

public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok"))).WithTags("Status")
            .WithSummary("Check that the service is up");
        routes.MapGet("/v1/sync/status", GetSyncStatusAsync).WithTags("Status")
            .WithSummary("Read how far the views are behind the ledger");
        return routes;
    }

    private static async Task<Ok<SyncStatusResponse>> GetSyncStatusAsync(
        IEventLog log, SyncLag lag, ProjectorLeadership leadership, IEnumerable<IProjection> projections, CancellationToken ct)
    {
        var head = await log.ReadHighWaterMarkAsync(ct);
        var checkpoints = new List<ProjectionStatus>();
        foreach (var projection in projections)
        {
            checkpoints.Add(new ProjectionStatus(projection.Name, await projection.ReadCheckpointAsync(ct)));
        }
        var behind = Math.Max(0, head - lag.AppliedSequence);
        return TypedResults.Ok(new SyncStatusResponse(
            head, lag.AppliedSequence, behind,
            behind == 0 ? 0 : lag.TimeBehind.TotalMilliseconds,
            lag.LastApplyDelay.TotalMilliseconds,
            checkpoints,
            // "leader" applies projections here; a "follower" serves what the leader applied. Epoch is null when unfenced (embedded modes).
            leadership.Role,
            leadership.Epoch));
    }
}
