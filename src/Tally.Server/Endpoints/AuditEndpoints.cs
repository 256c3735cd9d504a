using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Ledger.Audit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

/// <summary>The audit trail, read back page by page: one poll's, or the whole system's (admin grants, recounts, every poll).</summary>
public static class AuditEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;
    private const int MaxActionLength = 64;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/polls/{id}/audit", PollAsync)
            .WithSummary("Read the audit trail of a poll").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.PollNotFound);
        admin.MapGet("/audit", SystemAsync).WithSummary("Read the whole audit trail").WithProblemCodes(ErrorCodes.ValidationFailed);
        return admin;
    }

    private static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> PollAsync(
        Guid id, string? action, string? from, string? to, string? cursor, string? limit, PollDirectory polls, IAuditTrail trail, CancellationToken ct)
    {
        if (Read(id, action, from, to, cursor, limit, out var query) is { } invalid)
        {
            return invalid;
        }
        if (await polls.FindAsync(id, ct) is null)
        {
            return Problem.Of(Rejections.PollNotFound);
        }
        return TypedResults.Ok(await PageAsync(trail, query, ct));
    }

    private static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> SystemAsync(
        string? action, string? from, string? to, string? cursor, string? limit, IAuditTrail trail, CancellationToken ct)
    {
        if (Read(null, action, from, to, cursor, limit, out var query) is { } invalid)
        {
            return invalid;
        }
        return TypedResults.Ok(await PageAsync(trail, query, ct));
    }

    private static async Task<AuditPageResponse> PageAsync(IAuditTrail trail, AuditQuery query, CancellationToken ct)
    {
        var entries = await trail.ReadAsync(query, ct);
        // A full page may have more behind it; a short one is the end.
        var next = entries.Count == query.Limit ? entries[^1].AuditId.ToString(CultureInfo.InvariantCulture) : null;
        return new AuditPageResponse(entries, next);
    }

    private static ProblemHttpResult? Read(Guid? pollId, string? action, string? from, string? to, string? cursor, string? limit, out AuditQuery query)
    {
        query = new AuditQuery(pollId, null, null, null, 0, DefaultLimit);
        if (action is not null && (action.Length is 0 or > MaxActionLength || !action.All(c => c is (>= 'a' and <= 'z') or '_')))
        {
            return Problem.Invalid("action", $"action is an audit action name such as vote_retracted: lower-case letters and '_', at most {MaxActionLength}.");
        }
        if (!Rfc3339Instant.TryRead(from, out var since))
        {
            return Problem.Invalid("from", "from is an RFC 3339 instant with an offset, such as 2026-11-29T10:00:00Z.");
        }
        if (!Rfc3339Instant.TryRead(to, out var until))
        {
            return Problem.Invalid("to", "to is an RFC 3339 instant with an offset, such as 2026-11-29T11:00:00Z.");
        }
        var after = 0L;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
        {
            return Problem.Invalid("cursor", "cursor is the next_cursor of a previous page, as it was given.");
        }
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return Problem.Invalid("limit", $"limit is a whole number from 1 to {MaxLimit}.");
        }
        query = new AuditQuery(pollId, action, since, until, after, size);
        return null;
    }
}
