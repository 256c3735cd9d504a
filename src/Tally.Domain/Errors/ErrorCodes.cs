namespace Tally.Domain.Errors;

/// <summary>Stable, machine-readable error codes. Clients switch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string AlreadyVoted = "ALREADY_VOTED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";
    public const string PollNotActive = "POLL_NOT_ACTIVE";
    public const string InvalidOption = "INVALID_OPTION";
    public const string InvalidRegion = "INVALID_REGION";
    public const string PollNotFound = "POLL_NOT_FOUND";
    public const string VoteNotFound = "VOTE_NOT_FOUND";
    public const string VoteChangeNotAllowed = "VOTE_CHANGE_NOT_ALLOWED";
    public const string ResultsHidden = "RESULTS_HIDDEN";
    public const string NotPollOwner = "NOT_POLL_OWNER";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string UsernameTaken = "USERNAME_TAKEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Unavailable = "SERVICE_UNAVAILABLE";
    /// <summary>A write whose commit was sent but never answered: it may have been recorded. Retrying with the same Idempotency-Key tells.</summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";
    public const string InternalError = "INTERNAL_ERROR";
    public const string AdminNotFound = "ADMIN_NOT_FOUND";
    public const string AdminFromConfiguration = "ADMIN_FROM_CONFIGURATION";
    public const string RecountNotFound = "RECOUNT_NOT_FOUND";
    /// <summary>The views are being rebuilt from the log and hold only part of it: ask again shortly.</summary>
    public const string ViewsRebuilding = "VIEWS_REBUILDING";
    public const string ProjectionNotFound = "PROJECTION_NOT_FOUND";
    public const string RebuildRunning = "REBUILD_RUNNING";
    /// <summary>Work that only the node applying the views can do was sent to another node.</summary>
    public const string NotProjector = "NOT_PROJECTOR";
    /// <summary>An admin's block stops this vote (its address, network or voter).</summary>
    public const string Blocked = "BLOCKED";
    public const string BlockNotFound = "BLOCK_NOT_FOUND";
    /// <summary>A bulk retraction's selection matched more votes than one request may retract.</summary>
    public const string SelectionTooLarge = "SELECTION_TOO_LARGE";
    /// <summary>Per vote in a reinstatement: the voter has a live vote again, so the old one stays retracted.</summary>
    public const string VotedAgain = "VOTED_AGAIN";
    /// <summary>Per vote in a reinstatement: the vote is live, or was retracted by its voter rather than by an admin.</summary>
    public const string NotRetractedByAdmin = "NOT_RETRACTED_BY_ADMIN";
    /// <summary>A write signed in by the session cookie without the session's anti-forgery token in X-CSRF-Token.</summary>
    public const string CsrfTokenInvalid = "CSRF_TOKEN_INVALID";
}
