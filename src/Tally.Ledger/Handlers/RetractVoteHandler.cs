using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

public sealed class RetractVoteHandler(PollDirectory polls, IVoteStore votes, TimeProvider clock)
{
    public async Task<Outcome<Retraction>> HandleAsync(RetractVote command, CancellationToken ct)
    {
        var poll = await polls.FindAsync(command.PollId, ct).ConfigureAwait(false);
        if (poll is null)
        {
            return Rejections.PollNotFound;
        }
        if (!poll.Settings.AllowVoteChange)
        {
            return Rejections.VoteChangeNotAllowed;
        }
        // A quick refusal from the cache; the store judges again at the moment of the write.
        var now = clock.GetUtcNow();
        if (!poll.IsOpenAt(now))
        {
            return BallotRules.NotActive(poll, now);
        }
        return await votes.RetractAsync(command, ct).ConfigureAwait(false);
    }
}
