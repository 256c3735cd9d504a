using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Fraud;
using Tally.Ledger.Handlers;
using Tally.Server.Admin;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Problems;
using Tally.Views.Catalog;
using Tally.Views.Fraud;
using Tally.Views.Progress;

namespace Tally.Server.Endpoints;

/// <summary>Fraud review: a poll's suspicious clusters, and admins' bulk retractions and their reversal.</summary>
public static class FraudEndpoints
{
    public const int MaxVoteIds = 10_000;
    private const int DefaultMinVotes = 10;
    private const int MaxMinVotes = 1_000_000;
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(400);

    /// <summary>Room for <see cref="MaxVoteIds"/> ids and a reason, above the service-wide cap made for ballots.</summary>
    private static readonly BodyLimit SelectionBody = new(1024 * 1024);

    public static RouteGroupBuilder MapFraudReview(this RouteGroupBuilder admin)
    {
        admin.MapGet("/polls/{id}/suspicious", SuspiciousAsync).FromViews()
            .WithSummary("Find suspicious clusters").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.RateLimited);
        admin.MapPost("/polls/{id}/retractions", RetractAsync).WithMetadata(SelectionBody).ReadsJsonBody<RetractionRequest>()
            .WithSummary("Retract votes in bulk")
            .WithProblemCodes(ErrorCodes.InvalidIdempotencyKey, ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound,
                ErrorCodes.SelectionTooLarge, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown);
        admin.MapPost("/polls/{id}/reinstatements", ReinstateAsync).WithMetadata(SelectionBody).ReadsJsonBody<ReinstatementRequest>()
            .WithSummary("Reinstate votes")
            .WithProblemCodes(ErrorCodes.InvalidIdempotencyKey, ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound,
                ErrorCodes.VoteNotFound, ErrorCodes.IdempotencyKeyReused, ErrorCodes.OutcomeUnknown);
        return admin;
    }

    private static async Task<Results<Ok<SuspiciousResponse>, ProblemHttpResult>> SuspiciousAsync(
        Guid id,
        string? window,
        [FromQuery(Name = "min_votes")] string? minVotes,
        string? limit,
        [FromQuery(Name = "min_sequence")] long? minSequence,
        IPollCatalogView catalog,
        SuspiciousQueries queries,
        HttpContext http,
        ReadYourWrites reads,
        ViewProgress progress,
        TimeProvider clock,
        CancellationToken ct)
    {
        TimeSpan? span = null;
        if (window is not null && (span = DurationText.Read(window, MaxWindow)) is null)
        {
            return Problem.Invalid("window", "window is a span such as 30s, 10m, 2h or 1d, at most 400d; leave it out for every live vote.");
        }
        if (!TryReadCount(minVotes, DefaultMinVotes, MaxMinVotes, out var least))
        {
            return Problem.Invalid("min_votes", $"min_votes is a whole number from 1 to {MaxMinVotes}.");
        }
        if (!TryReadCount(limit, DefaultLimit, MaxLimit, out var most))
        {
            return Problem.Invalid("limit", $"limit is a whole number from 1 to {MaxLimit}.");
        }
        if (minSequence is < 0)
        {
            return Problem.Invalid("min_sequence", "min_sequence is a sequence number from a receipt (0 or more).");
        }
        await reads.WaitAsync(minSequence, ct);
        // Read before the view: the answer holds at least every event up to it.
        var sequence = progress.AppliedSequence;
        if (await catalog.GetAsync(id, ct) is null)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        var (found, busy) = await queries.FindAsync(id, new SuspiciousQuery(span, least, most, clock.GetUtcNow()), ct);
        if (busy)
        {
            return RateLimitRejection.Problem(http, TimeSpan.FromSeconds(1));
        }
        var report = found ?? new SuspiciousReport(id, 0, 0, false, []);
        return TypedResults.Ok(new SuspiciousResponse(id, window, report.VotesConsidered, report.VotesUnknown, report.Forgotten, report.Clusters, sequence));
    }

    private static async Task<Results<Ok<BulkRetractionResponse>, ProblemHttpResult>> RetractAsync(
        Guid id,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        RetractVotesHandler handler,
        IOptions<FraudReviewOptions> options,
        CancellationToken ct)
    {
        var (request, reason, refused) = await ReadCommandAsync(
            http.Request, idempotencyKey, TallyJsonContext.Default.RetractionRequest, "{vote_ids | ip_address | network, from?, to?, reason, dry_run?}", r => r.Reason, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (ReadSelection(request!, out var selection) is { } badSelection)
        {
            return badSelection;
        }
        var command = new RetractVotes(
            id, selection, reason, user.VoterId()!, request!.DryRun ?? false, idempotencyKey, RequestClient.Of(http), options.Value.MaxRetractionVotes);
        var outcome = await handler.HandleAsync(command, ct);
        return outcome.Value is { } done ? TypedResults.Ok(BulkRetractionResponse.From(done)) : Problem.Of(outcome.Rejection!);
    }

    private static async Task<Results<Ok<ReinstatementResponse>, ProblemHttpResult>> ReinstateAsync(
        Guid id,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        ReinstateVotesHandler handler,
        CancellationToken ct)
    {
        var (request, reason, refused) = await ReadCommandAsync(
            http.Request, idempotencyKey, TallyJsonContext.Default.ReinstatementRequest, "{vote_ids, reason}", r => r.Reason, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (ReadVoteIds(request!.VoteIds, required: true) is { } badIds)
        {
            return badIds;
        }
        var command = new ReinstateVotes(id, request.VoteIds!, reason, user.VoterId()!, idempotencyKey, RequestClient.Of(http));
        var outcome = await handler.HandleAsync(command, ct);
        return outcome.Value is { } done ? TypedResults.Ok(ReinstatementResponse.From(done)) : Problem.Of(outcome.Rejection!);
    }

    /// <summary>What every admin command on votes reads first: its Idempotency-Key, its body, and the reason the body gives.</summary>
    private static async Task<(T? Request, string Reason, ProblemHttpResult? Refused)> ReadCommandAsync<T>(
        HttpRequest http, string? idempotencyKey, JsonTypeInfo<T> type, string shape, Func<T, string?> reasonOf, CancellationToken ct) where T : class
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return (null, "", badKey);
        }
        var (request, unreadable) = await JsonBody.ReadAsync(http, type, null, shape, ct);
        if (request is null)
        {
            return (null, "", unreadable);
        }
        var badReason = AdminReason.Read(reasonOf(request), out var reason);
        return (request, reason, badReason);
    }

    /// <summary>Exactly one of the listed ids, an address or a network, in canonical form, with its optional time range.</summary>
    private static ProblemHttpResult? ReadSelection(RetractionRequest request, out VoteSelection selection)
    {
        selection = null!;
        if ((request.VoteIds is not null ? 1 : 0) + (request.IpAddress is not null ? 1 : 0) + (request.Network is not null ? 1 : 0) != 1)
        {
            return Problem.Invalid("selection", "Name exactly one of vote_ids, ip_address or network (CIDR, such as 203.0.113.0/24).");
        }
        if (ReadVoteIds(request.VoteIds, required: false) is { } badIds)
        {
            return badIds;
        }
        string? address = null;
        if (request.IpAddress is not null && (address = ClientNetwork.Canonical(request.IpAddress)) is null)
        {
            return Problem.Invalid("ip_address", "ip_address is an IPv4 or IPv6 address.");
        }
        string? network = null;
        if (request.Network is not null)
        {
            if (!ClientNetwork.TryParse(request.Network, out var parsed))
            {
                return Problem.Invalid("network", "network is an IPv4 or IPv6 network in CIDR form, such as 203.0.113.0/24.");
            }
            network = parsed.ToString();
        }
        if (TimeRange.Read(request.From, request.To, out var from, out var to) is { } badRange)
        {
            return badRange;
        }
        selection = new VoteSelection(request.VoteIds, address, network, from, to);
        return null;
    }

    private static ProblemHttpResult? ReadVoteIds(List<Guid>? voteIds, bool required) =>
        voteIds is null && !required || voteIds is { Count: >= 1 and <= MaxVoteIds }
            ? null
            : Problem.Invalid("vote_ids", $"vote_ids lists 1 to {MaxVoteIds} vote ids.");

    private static bool TryReadCount(string? text, int fallback, int max, out int count)
    {
        count = fallback;
        return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1 && count <= max;
    }
}
