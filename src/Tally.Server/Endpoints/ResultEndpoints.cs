using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Domain.Errors;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;
using Tally.Views.Delta;

namespace Tally.Server.Endpoints;

/// <summary>Tallies, heatmaps and deltas: all answered from the views, never from vote rows.</summary>
public static class ResultEndpoints
{
    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/polls/{id}").WithTags("Results").FromViews();
        group.MapGet("/results", GetResultsAsync)
            .WithSummary("Read the results").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden)
            .AddOpenApiOperationTransformer((operation, _, _) => ResultsCaching.DescribeAsync(operation));
        group.MapGet("/heatmap", GetHeatmapAsync)
            .WithSummary("Read the region heatmap").WithProblemCodes(ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);
        group.MapGet("/delta", GetDeltaAsync)
            .WithSummary("Read recent gains").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);
        return group;
    }

    private static async Task<Results<ResultsBody, StatusCodeHttpResult, ProblemHttpResult>> GetResultsAsync(
        Guid id,
        [FromQuery(Name = "min_sequence")] long? minSequence,
        ClaimsPrincipal user,
        ResultsReader reader,
        ReadYourWrites reads,
        HttpContext http,
        CancellationToken ct)
    {
        if (minSequence is < 0)
        {
            return Problem.Invalid("min_sequence", "min_sequence is a sequence number from a vote receipt (0 or more).");
        }
        var met = await reads.WaitAsync(minSequence, ct);
        var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(id, user, ct);
        if (visible.Value is not { } poll)
        {
            return Problem.Of(visible.Rejection!);
        }
        var response = reader.ToResponse(poll, sequence, met);
        return ResultsCaching.NotModified(http, poll, response) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : new ResultsBody(response);
    }

    private static async Task<Results<Ok<HeatmapResponse>, ProblemHttpResult>> GetHeatmapAsync(
        Guid id, ClaimsPrincipal user, ResultsReader reader, HeatmapReader heatmaps, CancellationToken ct)
    {
        var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(id, user, ct);
        return visible.Value is { } poll ? TypedResults.Ok(await heatmaps.ReadAsync(poll, sequence, ct)) : Problem.Of(visible.Rejection!);
    }

    private static async Task<Results<Ok<DeltaResponse>, ProblemHttpResult>> GetDeltaAsync(
        Guid id, string? since, ClaimsPrincipal user, ResultsReader reader, DeltaReader deltas, CancellationToken ct)
    {
        since ??= DeltaReader.DefaultSince;
        if (DurationText.Read(since, DeltaBuckets.Retention) is not { } window)
        {
            return Problem.Invalid("since", "since is a window like 30s, 5m or 2h, at most 24h.");
        }
        var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(id, user, ct);
        return visible.Value is { } poll ? TypedResults.Ok(await deltas.ReadAsync(poll, sequence, since, window, ct)) : Problem.Of(visible.Rejection!);
    }
}
