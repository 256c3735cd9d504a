using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tally.Domain.Errors;
using Tally.Ledger;
using Tally.Server.Hosting;

namespace Tally.Server.Problems;

/// <summary>Turns exceptions into problem+json. Malformed input is the caller's 4xx; a stack trace never leaves the server.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up; there is nobody to answer and nothing went wrong here.
            return true;
        }
        var retryWithKey = context.Request.Headers.ContainsKey(IdempotencyKeyHeader);
        var (status, code, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, Problem.CodeOf(bad.StatusCode), Describe(bad)),
            LedgerOutcomeUnknownException unknown => (StatusCodes.Status503ServiceUnavailable, ErrorCodes.OutcomeUnknown,
                unknown.Message + (retryWithKey
                    ? " A retry with the same Idempotency-Key returns the true answer."
                    : " Check whether it took effect before repeating it.")),
            // Without a cause the ledger is shutting down; with one, a fault of ours that rolled back is still a 500.
            LedgerUnavailableException unavailable when unavailable.InnerException is null || StorageOutage.Caused(unavailable.InnerException) =>
                (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable,
                    unavailable.Message + (retryWithKey
                        ? " Nothing was recorded; retry with the same Idempotency-Key."
                        : " Nothing was recorded; it is safe to retry.")),
            _ when StorageOutage.Caused(exception) => (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable,
                "The service's storage is not answering for the moment; retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Something went wrong on our side."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.StorageOutage(exception, context.Request.Method, context.Request.Path);
        }
        else if (status >= 500)
        {
            logger.RequestFailed(exception, context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ReasonPhrases.GetReasonPhrase(status),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        });
    }

    private static string Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return "The request body is too large.";
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return "Send the body as application/json.";
        }
        for (Exception? e = bad; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json.Path is { Length: > 1 } path
                    ? $"The body is not valid JSON for this request (at {path})."
                    : "The body is not valid JSON for this request.";
            }
        }
        // The framework's own wording names C# parameters; say what the caller should do instead.
        return bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? "A JSON body is required."
            : bad.Message;
    }
}
