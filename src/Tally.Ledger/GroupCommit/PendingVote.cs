using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;

namespace Tally.Ledger.GroupCommit;

/// <summary>A vote waiting for its batch to commit. Its task completes only after the commit (or the refusal) is final.</summary>
public sealed class PendingVote(CastVote command, Guid voteId)
{
    private readonly TaskCompletionSource<Outcome<VoteReceipt>> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CastVote Command { get; } = command;

    public Guid VoteId { get; } = voteId;

    public Ballot Ballot => Command.Ballot;

    /// <summary>What a reused idempotency key must match: the same poll, option and region. Built once, on first use.</summary>
    public string Fingerprint => field ??= Fingerprints.Of(Ballot);

    public Task<Outcome<VoteReceipt>> Outcome => _outcome.Task;

    public void Complete(Outcome<VoteReceipt> outcome) => _outcome.TrySetResult(outcome);

    /// <summary>
    /// Fails the vote with why its commit failed. A commit left unanswered stays <see cref="LedgerOutcomeUnknownException"/>;
    /// any other failure happened before the commit, so nothing was recorded.
    /// </summary>
    public void Fail(Exception error) => _outcome.TrySetException(error is LedgerOutcomeUnknownException or LedgerUnavailableException
        ? error
        : new LedgerUnavailableException("The vote could not be committed.", error));

    /// <summary>
    /// When a batch retried vote by vote meets a failure that is not the vote's own: the vote that met it fails with it,
    /// and the votes after it, never tried, fail as not recorded.
    /// </summary>
    public static void FailFrom(ReadOnlySpan<PendingVote> votes, Exception failure)
    {
        votes[0].Fail(failure);
        foreach (var untried in votes[1..])
        {
            untried.Fail(new LedgerUnavailableException("The vote was not tried: the ledger failed.", failure));
        }
    }
}
