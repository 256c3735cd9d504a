using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Domain.Errors;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;
using Tally.Views.Delta;
using Tally.Views.Heatmap;

namespace Tally.Server.Endpoints;

/// <summary>Tallies, heatmaps and deltas: all answered from the views, never from vote rows.</summary>
public static class ResultEndpoints
{
    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/polls/{id}").WithTags("Results").FromViews();
        group.MapGet("/results", GetResultsAsync)
            .WithSummary("Read the results").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);
        group.MapGet("/heatmap", GetHeatmapAsync)
            .WithSummary("Read the region heatmap").WithProblemCodes(ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);
        group.MapGet("/delta", GetDeltaAsync)
            .WithSummary("Read recent gains").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.ResultsHidden);
        return group;
    }

    private static async Task<Results<Ok<ResultsResponse>, ProblemHttpResult>> GetResultsAsync(
        Guid id,
        [FromQuery(Name = "min_sequence")] long? minSequence,
        ClaimsPrincipal user,
        ResultsReader reader,
        ReadYourWrites reads,
        CancellationToken ct)
    {
        if (minSequence is < 0)
        {
            return Problem.Invalid("min_sequence", "min_sequence is a sequence number from a vote receipt (0 or more).");
        }
        var met = await reads.WaitAsync(minSequence, ct);
        var outcome = await reader.ReadAsync(id, user, met, ct);
        return outcome.Value is { } response ? TypedResults.Ok(response) : Problem.Of(outcome.Rejection!);
    }

    private static async Task<Results<Ok<HeatmapResponse>, ProblemHttpResult>> GetHeatmapAsync(
        Guid id, ClaimsPrincipal user, ResultsReader reader, IHeatmapView heatmaps, CancellationToken ct)
    {
        var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(id, user, ct);
        if (visible.Value is not { } poll)
        {
            return Problem.Of(visible.Rejection!);
        }
        var heatmap = await heatmaps.GetAsync(id, ct);
        var regions = heatmap?.Regions.Select(r => new RegionResult(
            r.Region,
            r.Total,
            r.Votes.Select((votes, i) => new RegionOptionResult(i + 1, votes)).ToArray())).ToArray() ?? [];
        return TypedResults.Ok(new HeatmapResponse(id, sequence, poll.Options.Select(o => new OptionResponse(o.Id, o.Text)).ToArray(), regions));
    }

    private static async Task<Results<Ok<DeltaResponse>, ProblemHttpResult>> GetDeltaAsync(
        Guid id, string? since, ClaimsPrincipal user, ResultsReader reader, IDeltaView deltas,
        TimeProvider clock, CancellationToken ct)
    {
        since ??= "5m";
        if (DurationText.Read(since, DeltaBuckets.Retention) is not { } window)
        {
            return Problem.Invalid("since", "since is a window like 30s, 5m or 2h, at most 24h.");
        }
        var (sequence, visible) = await reader.ReadVisibleWithCheckpointAsync(id, user, ct);
        if (visible.Value is not { } poll)
        {
            return Problem.Of(visible.Rejection!);
        }
        var delta = await deltas.GetAsync(id, window, clock.GetUtcNow(), ct);
        var options = poll.Options.Select((o, i) => new DeltaOptionResult(o.Id, o.Text, delta?.Votes[i] ?? 0)).ToArray();
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new DeltaResponse(id, since, delta?.From ?? now - window, delta?.To ?? now, sequence, delta?.Total ?? 0, options));
    }
}
