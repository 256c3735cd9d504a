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

    public void Fail(Exception error) => _outcome.TrySetException(error);
}

public static class Fingerprints
{
    public static string Of(Ballot ballot) => string.Create(null, stackalloc char[128], $"{ballot.PollId:N}|{ballot.OptionId}|{ballot.Region}");
}
