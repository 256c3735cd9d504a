using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Handlers;

public sealed class RetractVoteHandler(PollDirectory polls, IVoteStore votes, TimeProvider clock)
{
    public async Task<Outcome<Retraction>> HandleAsync(RetractVote command, CancellationToken ct)
    {
        var poll = await polls.FindAsync(command.PollId, ct).ConfigureAwait(false);
        // A quick refusal from the cache; the store judges again at the moment of the write.
        if (RetractionJudge.Check(poll, clock.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }
        return await votes.RetractAsync(command, ct).ConfigureAwait(false);
    }
}
