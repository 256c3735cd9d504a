using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Blocks;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Handlers;

/// <summary>
/// Checks a ballot against its poll and the blocks in force (held in memory: no query), then hands it to group commit
/// and waits for the commit.
/// </summary>
public sealed class CastVoteHandler(PollDirectory polls, VoteBatcher batcher, TimeProvider clock, BlockList blocks)
{
    public async Task<Outcome<VoteReceipt>> HandleAsync(CastVote command, CancellationToken ct)
    {
        var poll = await polls.FindAsync(command.Ballot.PollId, ct).ConfigureAwait(false);
        if (poll is null)
        {
            return Rejections.PollNotFound;
        }
        var now = clock.GetUtcNow();
        command = command with { Ballot = BallotRules.Canonical(poll, command.Ballot) };
        if (blocks.Current.Stops(poll.Id, command.Ballot.VoterId, command.Client.IpAddress, now))
        {
            return Rejections.Blocked;
        }
        var rejection = BallotRules.Check(poll, command.Ballot, now);
        // A retry carrying an idempotency key gets its first answer even after the poll closed: the store decides, in the transaction.
        if (rejection is not null && !(rejection.Code == ErrorCodes.PollNotActive && command.IdempotencyKey is not null))
        {
            return rejection;
        }
        var pending = new PendingVote(command, Guid.CreateVersion7(now));
        await batcher.EnqueueAsync(pending, ct).ConfigureAwait(false);
        // Once queued the vote is committed or refused whatever the caller does; don't abandon it half-way.
        return await pending.Outcome.ConfigureAwait(false);
    }
}
