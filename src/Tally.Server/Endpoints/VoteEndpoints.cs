using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Handlers;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Observability;
using Tally.Server.Problems;
using Tally.Views.Catalog;
using Tally.Views.Progress;
using Tally.Views.VoterStatus;

namespace Tally.Server.Endpoints;

public static class VoteEndpoints
{
    public static RouteGroupBuilder MapVotes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/polls/{id}/votes").WithTags("Votes").RequireAuthorization();
        group.MapPost("/", AnswerAsync).Limited(LimitedAction.Vote)
            .WithSummary("Cast a vote")
            .WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.InvalidIdempotencyKey, ErrorCodes.PollNotFound, ErrorCodes.Blocked, ErrorCodes.PollNotActive,
                ErrorCodes.InvalidOption, ErrorCodes.InvalidRegion, ErrorCodes.AlreadyVoted, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown);
        group.MapDelete("/me", RetractAsync).Limited(LimitedAction.Vote)
            .WithSummary("Retract my vote")
            .WithProblemCodes(ErrorCodes.PollNotFound, ErrorCodes.VoteChangeNotAllowed, ErrorCodes.PollNotActive, ErrorCodes.VoteNotFound,
                ErrorCodes.OutcomeUnknown);
        group.MapGet("/me", GetMineAsync).FromViews()
            .WithSummary("Read my vote").WithProblemCodes(ErrorCodes.PollNotFound);
        return group;
    }

    /// <summary>Times every answer, receipt or refusal, for the vote latency histogram.</summary>
    private static async Task<Results<Created<VoteResponse>, ProblemHttpResult>> AnswerAsync(
        Guid id,
        CastVoteRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        CastVoteHandler handler,
        ServerMetrics metrics,
        CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        // One method, not a timed wrapper around another: each async method that waits costs an allocation per vote.
        Results<Created<VoteResponse>, ProblemHttpResult> answer;
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            answer = badKey;
        }
        else if (request.OptionId is not { } optionId)
        {
            answer = Problem.Invalid("option_id", "An option_id is required.");
        }
        else
        {
            var ballot = new Ballot(id, user.VoterId()!, optionId, request.Region);
            var outcome = await handler.HandleAsync(new CastVote(ballot, idempotencyKey, RequestClient.Of(http)), ct);
            answer = outcome.Value is { } receipt
                ? TypedResults.Created($"/v1/polls/{id}/votes/me", VoteResponse.From(receipt))
                : Problem.Of(outcome.Rejection!);
        }
        metrics.VoteAnswered(TimeProvider.System.GetElapsedTime(started));
        return answer;
    }

    private static async Task<Results<Ok<RetractionResponse>, ProblemHttpResult>> RetractAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, RetractVoteHandler handler, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(new RetractVote(id, user.VoterId()!, RequestClient.Of(http)), ct);
        return outcome.Value is { } r
            ? TypedResults.Ok(new RetractionResponse(r.VoteId, r.PollId, r.OptionId, r.RetractedAt, r.Sequence))
            : Problem.Of(outcome.Rejection!);
    }

    private static async Task<Results<Ok<VoterStatusResponse>, ProblemHttpResult>> GetMineAsync(
        Guid id,
        [FromQuery(Name = "min_sequence")] long? minSequence,
        ClaimsPrincipal user,
        IPollCatalogView catalog,
        IVoterStatusView status,
        ReadYourWrites reads,
        ViewProgress progress,
        CancellationToken ct)
    {
        await reads.WaitAsync(minSequence, ct);
        var sequence = progress.AppliedSequence;
        if (await catalog.GetAsync(id, ct) is null)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        var ballot = await status.GetAsync(id, user.VoterId()!, ct);
        return TypedResults.Ok(VoterStatusResponse.From(ballot, sequence));
    }
}
