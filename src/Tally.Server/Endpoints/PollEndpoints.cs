using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Handlers;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Limits;
using Tally.Server.Problems;
using Tally.Views.Catalog;

namespace Tally.Server.Endpoints;

public static class PollEndpoints
{
    public const int PageSize = 20;

    /// <summary>Deeper pages cost the stores more to find; 500 pages of 20 is 10,000 polls, beyond which a search is the way.</summary>
    public const int MaxPage = 500;

    /// <summary>The one value of the owner filter: whoever is asking.</summary>
    public const string OwnerMe = "me";

    public static RouteGroupBuilder MapPolls(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/polls").WithTags("Polls");
        group.MapPost("/", CreateAsync).RequireAuthorization().Limited(LimitedAction.CreatePoll);
        group.MapGet("/", ListAsync).Limited(LimitedAction.Search).FromViews();
        group.MapGet("/{id}", GetAsync).FromViews();
        group.MapPost("/{id}/close", CloseAsync).RequireAuthorization();
        return group;
    }

    private static async Task<Results<Created<PollResponse>, ProblemHttpResult>> CreateAsync(
        CreatePollRequest request, ClaimsPrincipal user, CreatePollHandler handler, ReadYourWrites reads, TimeProvider clock, CancellationToken ct)
    {
        if (ToDraft(request) is not { } draft)
        {
            return Problem.Invalid("options", "Each option and region must be a non-null value; options are objects with a text.");
        }
        var outcome = await handler.HandleAsync(new CreatePoll(user.VoterId()!, draft), ct);
        if (outcome.Value is not { } created)
        {
            return Problem.Of(outcome.Rejection!);
        }
        await reads.WaitForOwnWriteAsync(created.Sequence, ct);
        return TypedResults.Created($"/v1/polls/{created.Poll.Id}", PollResponse.From(created.Poll, clock.GetUtcNow(), created.Sequence));
    }

    private static PollDraft? ToDraft(CreatePollRequest request)
    {
        var options = new List<string>();
        foreach (var option in request.Options ?? [])
        {
            if (option?.Text is null)
            {
                return null;
            }
            options.Add(option.Text);
        }
        var regions = new List<string>();
        foreach (var region in request.Regions ?? [])
        {
            if (region is null)
            {
                return null;
            }
            regions.Add(region);
        }
        var settings = new PollSettings(
            request.Settings?.ResultsVisibility ?? ResultsVisibility.Live,
            request.Settings?.AllowVoteChange ?? false);
        return new PollDraft(request.Title ?? "", request.Description, options, regions, request.StartTime, request.EndTime, settings);
    }

    private static async Task<Results<Ok<PollListResponse>, ProblemHttpResult>> ListAsync(
        string? q, int? page, string? owner, ClaimsPrincipal user, IPollCatalogView catalog, TimeProvider clock, CancellationToken ct)
    {
        if (owner is not null and not OwnerMe)
        {
            return Problem.Invalid("owner", $"owner is only ever \"{OwnerMe}\": the caller's own polls.");
        }
        var ownerId = owner is null ? null : user.VoterId();
        if (owner is not null && ownerId is null)
        {
            return Problem.Of(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "Sign in to list your own polls.");
        }
        if (page is < 1)
        {
            return Problem.Invalid("page", "Pages are numbered from 1.");
        }
        if (page is > MaxPage)
        {
            return Problem.Invalid("page", $"Pages go up to {MaxPage}; search to narrow the list instead.");
        }
        if (q is { Length: > PollRules.MaxTitleLength })
        {
            return Problem.Invalid("q", $"A search is at most {PollRules.MaxTitleLength} characters.");
        }
        if (TitleQuery.Parse(q).Words.Count > TitleQuery.MaxWords)
        {
            return Problem.Invalid("q", $"A search is at most {TitleQuery.MaxWords} words.");
        }
        var result = await catalog.ListAsync(q, ownerId, page ?? 1, PageSize, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new PollListResponse(
            result.Polls.Select(p => PollResponse.From(p, now)).ToArray(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult>> GetAsync(
        Guid id, IPollCatalogView catalog, TimeProvider clock, CancellationToken ct)
    {
        var poll = await catalog.GetAsync(id, ct);
        return poll is null
            ? Problem.Of(Rejections.PollNotFound)
            : TypedResults.Ok(PollResponse.From(poll, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<PollResponse>, ProblemHttpResult>> CloseAsync(
        Guid id, ClaimsPrincipal user, ClosePollHandler handler, ReadYourWrites reads, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(new ClosePoll(id, user.VoterId()!), ct);
        if (outcome.Value is not { } closed)
        {
            return Problem.Of(outcome.Rejection!);
        }
        await reads.WaitForOwnWriteAsync(closed.Sequence, ct);
        return TypedResults.Ok(PollResponse.From(closed.Poll, clock.GetUtcNow(), closed.Sequence));
    }
}
