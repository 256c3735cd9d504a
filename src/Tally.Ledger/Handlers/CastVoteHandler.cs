using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Ledger.Blocks;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Handlers;

/// <summary>
/// Checks a ballot against its poll and the blocks in force (held in memory: no query), then hands it to group commit
/// and waits for the commit.
/// </summary>
public sealed class CastVoteHandler(PollDirectory polls, VoteBatcher batcher, TimeProvider clock, BlockList blocks)
{
    /// <remarks>
    /// The usual vote awaits nothing here (its poll is cached, the queue has room): the caller gets the vote's own commit
    /// task, and no state machine is allocated for this method.
    /// </remarks>
    public Task<Outcome<VoteReceipt>> HandleAsync(CastVote command, CancellationToken ct)
    {
        var finding = polls.FindAsync(command.Ballot.PollId, ct);
        return finding.IsCompletedSuccessfully ? Enqueue(command, finding.Result, ct) : HandleAfterFindingAsync(command, finding, ct);
    }

    private async Task<Outcome<VoteReceipt>> HandleAfterFindingAsync(CastVote command, ValueTask<Poll?> finding, CancellationToken ct) =>
        await Enqueue(command, await finding.ConfigureAwait(false), ct).ConfigureAwait(false);

    private Task<Outcome<VoteReceipt>> Enqueue(CastVote command, Poll? poll, CancellationToken ct)
    {
        if (poll is null)
        {
            return Task.FromResult<Outcome<VoteReceipt>>(Rejections.PollNotFound);
        }
        var now = clock.GetUtcNow();
        var ballot = BallotRules.Canonical(poll, command.Ballot);
        if (!ReferenceEquals(ballot, command.Ballot))
        {
            command = command with { Ballot = ballot };
        }
        if (blocks.Current.Stops(poll.Id, command.Ballot.VoterId, command.Client.IpAddress, now))
        {
            return Task.FromResult<Outcome<VoteReceipt>>(Rejections.Blocked);
        }
        var rejection = BallotRules.Check(poll, command.Ballot, now);
        // A retry carrying an idempotency key gets its first answer even after the poll closed: the store decides, in the transaction.
        if (rejection is not null && !(rejection.Code == ErrorCodes.PollNotActive && command.IdempotencyKey is not null))
        {
            return Task.FromResult<Outcome<VoteReceipt>>(rejection);
        }
        var pending = new PendingVote(command, Guid.CreateVersion7(now));
        var queued = batcher.EnqueueAsync(pending, ct);
        // Once queued the vote is committed or refused whatever the caller does; don't abandon it half-way.
        return queued.IsCompletedSuccessfully ? pending.Outcome : OutcomeOnceQueuedAsync(queued, pending);
    }

    private static async Task<Outcome<VoteReceipt>> OutcomeOnceQueuedAsync(ValueTask queued, PendingVote pending)
    {
        await queued.ConfigureAwait(false);
        return await pending.Outcome.ConfigureAwait(false);
    }
}
