using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Domain.Blocks;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Blocks;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>Blocks on voting: placed, lifted and listed by admins; this node's block list follows at once, the others within a refresh.</summary>
public static class BlockEndpoints
{
    /// <summary>A block longer than this is meant to last: leave its end out.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    private const string Shape = "{ip_address | network | voter_id, poll_id?, until? | duration?, reason}";

    public static RouteGroupBuilder MapBlocks(this RouteGroupBuilder admin)
    {
        admin.MapPost("/blocks", PlaceAsync).ReadsJsonBody<BlockRequest>()
            .WithSummary("Place a block").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound, ErrorCodes.OutcomeUnknown);
        admin.MapDelete("/blocks/{blockId}", LiftAsync)
            .WithSummary("Lift a block").WithProblemCodes(ErrorCodes.BlockNotFound, ErrorCodes.OutcomeUnknown);
        admin.MapGet("/blocks", ListAsync).WithSummary("List blocks in force");
        return admin;
    }

    private static async Task<Results<Created<Block>, ProblemHttpResult>> PlaceAsync(
        ClaimsPrincipal user,
        HttpContext http,
        PollDirectory polls,
        [FromServices] IBlockStore store,
        [FromServices] BlockList blocks,
        TimeProvider clock,
        CancellationToken ct)
    {
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, TallyJsonContext.Default.BlockRequest, null, Shape, ct);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (Read(request!, clock.GetUtcNow(), out var command) is { } invalid)
        {
            return invalid;
        }
        if (command.PollId is { } pollId && await polls.FindAsync(pollId, ct) is null)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        var block = await store.PlaceAsync(command with { AdminId = user.VoterId()!, Client = RequestClient.Of(http) }, ct);
        await blocks.RefreshAsync(ct);
        return TypedResults.Created($"/v1/admin/blocks/{block.BlockId}", block);
    }

    private static async Task<Results<Ok<Block>, ProblemHttpResult>> LiftAsync(
        Guid blockId, ClaimsPrincipal user, HttpContext http, [FromServices] IBlockStore store, [FromServices] BlockList blocks, CancellationToken ct)
    {
        var outcome = await store.LiftAsync(new LiftBlock(blockId, user.VoterId()!, RequestClient.Of(http)), ct);
        if (outcome.Value is not { } lifted)
        {
            return Problem.Of(outcome.Rejection!);
        }
        await blocks.RefreshAsync(ct);
        return TypedResults.Ok(lifted);
    }

    private static async Task<Ok<BlockListResponse>> ListAsync([FromServices] IBlockStore store, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new BlockListResponse(await store.ReadInForceAsync(clock.GetUtcNow(), ct)));

    /// <summary>The block asked for, its value in canonical form (admin and client filled in by the caller), or why it cannot be.</summary>
    private static ProblemHttpResult? Read(BlockRequest request, DateTimeOffset now, out PlaceBlock command)
    {
        command = null!;
        (BlockTarget Target, string Field, string? Value)[] named =
        [
            (BlockTarget.IpAddress, "ip_address", request.IpAddress),
            (BlockTarget.Network, "network", request.Network),
            (BlockTarget.Voter, "voter_id", request.VoterId),
        ];
        var given = named.Where(n => n.Value is not null).ToArray();
        if (given.Length != 1)
        {
            return Problem.Invalid("target", "Name exactly one of ip_address, network (CIDR, such as 203.0.113.0/24) or voter_id.");
        }
        var (target, field, raw) = given[0];
        if (BlockRules.Canonical(target, raw) is not { } value)
        {
            return Problem.Invalid(field, target switch
            {
                BlockTarget.IpAddress => "ip_address is an IPv4 or IPv6 address.",
                BlockTarget.Network => "network is an IPv4 or IPv6 network in CIDR form, such as 203.0.113.0/24.",
                _ => "voter_id is a voter id as the API shows it, at most 512 characters.",
            });
        }
        if (request.Until is not null && request.Duration is not null)
        {
            return Problem.Invalid("until", "Give until or duration, not both.");
        }
        if (!Rfc3339Instant.TryRead(request.Until, out var until))
        {
            return Problem.Invalid("until", "until is an RFC 3339 instant with an offset, such as 2026-11-29T10:00:00Z.");
        }
        if (until <= now)
        {
            return Problem.Invalid("until", "until must be in the future.");
        }
        if (request.Duration is not null)
        {
            if (DurationText.Read(request.Duration, MaxDuration) is not { } duration)
            {
                return Problem.Invalid("duration", "duration is a span such as 30m, 12h or 7d, at most 3650d.");
            }
            until = now + duration;
        }
        if (AdminReason.Read(request.Reason, out var reason) is { } badReason)
        {
            return badReason;
        }
        command = new PlaceBlock(target, value, request.PollId, until, reason, "", new ClientInfo(null, null));
        return null;
    }
}
