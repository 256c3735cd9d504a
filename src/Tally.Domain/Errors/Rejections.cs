using Tally.Domain.Polls;

namespace Tally.Domain.Errors;

/// <summary>Every refusal a caller can be told, with its code and wording, grouped by code.</summary>
public static class Rejections
{
    public static Rejection PollNotFound { get; } = new(ErrorCodes.PollNotFound, "No poll has this id.");

    public static Rejection AlreadyVoted { get; } = new(ErrorCodes.AlreadyVoted, "You have already voted in this poll.");

    public static Rejection IdempotencyKeyReused { get; } =
        new(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was already used for a different vote.");

    public static Rejection PollNotYetOpen { get; } = new(ErrorCodes.PollNotActive, "This poll has not opened yet.");

    public static Rejection PollClosed { get; } = new(ErrorCodes.PollNotActive, "This poll is closed.");

    public static Rejection InvalidOption(int optionId) =>
        new(ErrorCodes.InvalidOption, $"Option {optionId} is not an option of this poll.");

    public static Rejection RegionsNotCollected { get; } = new(ErrorCodes.InvalidRegion, "This poll does not collect regions.");

    public static Rejection RegionRequired { get; } = new(ErrorCodes.InvalidRegion, "This poll needs a region with each vote.");

    public static Rejection UnknownRegion(string region) =>
        new(ErrorCodes.InvalidRegion, $"Region '{region}' is not a region of this poll.");

    public static Rejection VoteNotFound { get; } = new(ErrorCodes.VoteNotFound, "You have no live vote in this poll.");

    public static Rejection VoteChangeNotAllowed { get; } =
        new(ErrorCodes.VoteChangeNotAllowed, "This poll does not allow votes to be changed.");

    public static Rejection NotPollOwner { get; } = new(ErrorCodes.NotPollOwner, "Only the poll's owner may close it.");

    public static Rejection ResultsHidden(ResultsVisibility visibility) =>
        new(ErrorCodes.ResultsHidden, ResultsAccess.Explain(visibility));

    public static Rejection PollInvalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorCodes.ValidationFailed, "The poll is not valid.", errors);

    public static Rejection RegistrationInvalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorCodes.ValidationFailed, "The registration is not valid.", errors);

    public static Rejection CredentialsMissing { get; } =
        new(ErrorCodes.ValidationFailed, "A username and a password are required.");

    public static Rejection UsernameTaken { get; } = new(ErrorCodes.UsernameTaken, "This username is taken.");

    public static Rejection InvalidCredentials { get; } = new(ErrorCodes.InvalidCredentials, "The username or password is wrong.");

    public static Rejection AdminNotFound { get; } = new(ErrorCodes.AdminNotFound, "This voter holds no admin grant.");

    public static Rejection AdminFromConfiguration { get; } = new(ErrorCodes.AdminFromConfiguration,
        "This admin is named in Tally:Auth:Admins; remove the entry there to revoke it.");

    public static Rejection RecountNotFound { get; } = new(ErrorCodes.RecountNotFound, "This poll has no recount with this id.");

    public static Rejection ViewsRebuilding(string reason) =>
        new(ErrorCodes.ViewsRebuilding, $"The views are being rebuilt from the ledger ({reason}); ask again shortly.");

    public static Rejection ProjectionNotFound(string name, IEnumerable<string> known) =>
        new(ErrorCodes.ProjectionNotFound, $"There is no projection '{name}'; there are: {string.Join(", ", known)}.");

    public static Rejection RebuildRunning { get; } =
        new(ErrorCodes.RebuildRunning, "A shadow rebuild is already running on this node; wait for it to finish.");

    public static Rejection NotProjector { get; } =
        new(ErrorCodes.NotProjector, "This node does not apply the views now; send this to the node that leads the projectors (see /v1/sync/status).");

    public static Rejection Blocked { get; } = new(ErrorCodes.Blocked, "Voting from this address, network or account is blocked by an admin.");

    public static Rejection BlockNotFound { get; } = new(ErrorCodes.BlockNotFound, "No block in force has this id.");

    public static Rejection SelectionTooLarge(long matched, int limit) => new(ErrorCodes.SelectionTooLarge,
        $"The selection matches {matched} votes; one request may retract at most {limit}. Narrow it with from and to.");

    public static Rejection AdminIdempotencyKeyReused { get; } =
        new(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was already used for a different request.");
}
