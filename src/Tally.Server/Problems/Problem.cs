using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Tally.Domain.Errors;

namespace Tally.Server.Problems;

/// <summary>Every error Tally answers with: RFC 7807 problem+json carrying a stable <c>code</c> and a human <c>detail</c>.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(Rejection rejection) => Of(StatusOf(rejection.Code), rejection.Code, rejection.Message, rejection.Errors);

    public static ProblemHttpResult Of(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors;
        }
        return TypedResults.Problem(detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), extensions: extensions);
    }

    public static ProblemHttpResult Invalid(string field, string message) =>
        Of(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.AlreadyVoted or ErrorCodes.PollNotActive or ErrorCodes.VoteChangeNotAllowed
            or ErrorCodes.UsernameTaken or ErrorCodes.AdminFromConfiguration
            or ErrorCodes.RebuildRunning or ErrorCodes.NotProjector => StatusCodes.Status409Conflict,
        ErrorCodes.IdempotencyKeyReused or ErrorCodes.InvalidOption or ErrorCodes.InvalidRegion
            or ErrorCodes.SelectionTooLarge => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.PollNotFound or ErrorCodes.VoteNotFound or ErrorCodes.NotFound or ErrorCodes.AdminNotFound
            or ErrorCodes.RecountNotFound or ErrorCodes.ProjectionNotFound or ErrorCodes.BlockNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.ResultsHidden or ErrorCodes.NotPollOwner or ErrorCodes.Forbidden or ErrorCodes.Blocked
            or ErrorCodes.CsrfTokenInvalid => StatusCodes.Status403Forbidden,
        ErrorCodes.InvalidCredentials or ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable or ErrorCodes.OutcomeUnknown or ErrorCodes.ViewsRebuilding => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The code for an error the framework raised on its own (no route, no token, body too big).</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.MalformedRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => ErrorCodes.InternalError,
    };
}
